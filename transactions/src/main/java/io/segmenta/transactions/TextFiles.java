package io.segmenta.transactions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens data files as UTF-8, replacing malformed bytes with U+FFFD instead of failing: real exports mix encodings
 * (the wholesale file has stray Latin-1 bytes in a notes column), and one bad byte in a free-text cell must not
 * make the whole file unreadable.
 */
public final class TextFiles {

    private TextFiles() {
    }

    public static BufferedReader open(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
    }
}
