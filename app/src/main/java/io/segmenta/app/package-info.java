/**
 * The {@code ./segment} command line: one picocli command per deployable or tool. May use every module; nothing
 * depends on it but tests and benchmarks.
 */
package io.segmenta.app;
