package io.segmenta.assigner;

/**
 * A model (or its feature spec) cannot be served by this build: its layout does not match what it claims, it
 * reads features this build does not know, or its parameters are unusable. The message names the model and
 * what is wrong, so that an operator can act on the log line alone; the assigner keeps serving the previous model.
 */
public class IncompatibleModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IncompatibleModelException(String message) {
        super(message);
    }

    public IncompatibleModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
