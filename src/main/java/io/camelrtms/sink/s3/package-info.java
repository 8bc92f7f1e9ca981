/**
 * The {@code s3} sink: uploads what the file sink recorded, under the same layout, through
 * camel-aws2-s3 and the sink's delivery.
 */
package io.camelrtms.sink.s3;
