package io.segmenta.analysis;

/**
 * A problem with the user's input or options (unreadable file, unknown column, too few rows, ...): reported as one
 * line on stderr with a non-zero exit, never as a stack trace.
 */
public final class UserError extends RuntimeException {

    public UserError(String message) {
        super(message, null, false, false);
    }
}
