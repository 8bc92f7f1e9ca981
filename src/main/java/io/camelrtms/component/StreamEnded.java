package io.camelrtms.component;

import io.camelrtms.client.Lifecycle;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Predicate;

/**
 * Whether an exchange of {@code from: rtms:…} is its stream's last: its {@link RtmsConstants#LIFECYCLE}
 * header names a terminal lifecycle (STOPPED or FAILED). The sinks finish a stream on it; a YAML route
 * uses it as {@code method: {beanType: io.camelrtms.component.StreamEnded, method: matches}}.
 */
public final class StreamEnded implements Predicate {

    private static final Set<String> TERMINAL = EnumSet.allOf(Lifecycle.class).stream()
            .filter(Lifecycle::isTerminal).map(Lifecycle::name).collect(Collectors.toUnmodifiableSet());

    /** Whether a value of the {@link RtmsConstants#LIFECYCLE} header ends the stream; {@code null} does not. */
    public static boolean isEnd(String lifecycle) {
        return lifecycle != null && TERMINAL.contains(lifecycle);
    }

    /** Whether the message's {@link RtmsConstants#LIFECYCLE} header ends the stream. */
    public static boolean isEnd(Message message) {
        return isEnd(message.getHeader(RtmsConstants.LIFECYCLE, String.class));
    }

    @Override
    public boolean matches(Exchange exchange) {
        return isEnd(exchange.getMessage());
    }
}
