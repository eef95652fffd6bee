package io.segmenta.transactions;

/** A column mapping that cannot be used: a bad mapping file, or a file that lacks a mapped column. */
public final class MappingException extends IllegalArgumentException {

    public MappingException(String message) {
        super(message);
    }
}
