package io.camelrtms.sink.delivery;

/** A sink did not take a request, for a reason worth retrying (Camel redelivers it, then it is spooled). */
public class SinkDeliveryException extends RuntimeException {

    public SinkDeliveryException(String message) {
        super(message);
    }
}
