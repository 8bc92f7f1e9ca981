/**
 * The sinks a stream's exchanges end in, one subpackage each: {@code file} (the recorder and its
 * writers), {@code s3} and {@code http}, with {@code delivery} (ordered, retried, spooled requests)
 * under the last two and {@code routing} (which sink each media type goes to). This package holds
 * what several of them share. Sinks depend on {@code media}, {@code protocol} and the component's
 * constants, never on {@code app}.
 */
package io.camelrtms.sink;
