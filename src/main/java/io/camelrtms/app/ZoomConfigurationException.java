package io.camelrtms.app;

/** The Zoom settings cannot work together; the message names the variables to set or unset. */
public class ZoomConfigurationException extends IllegalStateException {

    public ZoomConfigurationException(String message) {
        super(message);
    }
}
