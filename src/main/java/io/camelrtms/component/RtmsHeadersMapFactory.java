package io.camelrtms.component;

import java.util.Map;
import org.apache.camel.spi.HeadersMapFactory;

/**
 * Gives Camel messages an {@link RtmsHeadersMap} instead of the default case-insensitive TreeMap.
 * Opt in by setting it on the context before it starts:
 * {@code context.getCamelContextExtension().setHeadersMapFactory(new RtmsHeadersMapFactory())};
 * the bundle does so for its own context.
 */
public final class RtmsHeadersMapFactory implements HeadersMapFactory {

    @Override
    public Map<String, Object> newMap() {
        return new RtmsHeadersMap();
    }

    @Override
    public Map<String, Object> newMap(Map<String, Object> map) {
        return new RtmsHeadersMap(map);
    }

    @Override
    public boolean isInstanceOf(Map<String, Object> map) {
        return map instanceof RtmsHeadersMap;
    }

    @Override
    public boolean isCaseInsensitive() {
        return true;
    }

    @Override
    public String toString() {
        return "RtmsHeadersMapFactory";
    }
}
