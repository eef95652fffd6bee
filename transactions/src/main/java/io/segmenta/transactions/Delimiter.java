package io.segmenta.transactions;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

import java.util.Locale;

/** How the fields of a delimited text file are separated; {@link #WHITESPACE} is any run of spaces or tabs. */
public enum Delimiter {
    COMMA(','), TAB('\t'), SEMICOLON(';'), PIPE('|'), WHITESPACE(' ');

    private final char character;

    Delimiter(char character) {
        this.character = character;
    }

    public char character() {
        return character;
    }

    /** A mapping file's spelling ("comma", "tab", ...); "auto" is handled by the caller. */
    public static Delimiter parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown delimiter '" + name + "'; use auto, comma, tab, semicolon, pipe "
                    + "or whitespace");
        }
    }

    /**
     * The delimiter of a file from its first line: the most frequent of tab, comma, semicolon and pipe outside
     * double quotes (a tab wins a tie, since it rarely occurs in data); whitespace when none occurs but the line
     * has several space-separated fields.
     */
    public static Delimiter detect(String firstLine) {
        if (firstLine == null) {
            return COMMA;
        }
        int[] counts = new int[4];
        boolean quoted = false;
        for (int i = 0; i < firstLine.length(); i++) {
            char c = firstLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case '\t' -> counts[0]++;
                    case ',' -> counts[1]++;
                    case ';' -> counts[2]++;
                    case '|' -> counts[3]++;
                    default -> {
                    }
                }
            }
        }
        Delimiter[] order = {TAB, COMMA, SEMICOLON, PIPE};
        int best = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && (best < 0 || counts[i] > counts[best])) {
                best = i;
            }
        }
        if (best >= 0) {
            return order[best];
        }
        return firstLine.trim().split("\\s+").length > 1 ? WHITESPACE : COMMA;
    }

    /** Commons CSV format for the character delimiters (quotes honoured, surrounding spaces kept). */
    public CSVFormat csvFormat() {
        if (this == WHITESPACE) {
            throw new IllegalStateException("whitespace-separated files are split, not parsed as CSV");
        }
        return CSVFormat.DEFAULT.builder().setDelimiter(character).setQuoteMode(QuoteMode.MINIMAL)
                .setIgnoreEmptyLines(true).get();
    }

    /** Splits one whitespace-separated line (leading and trailing blanks, and a trailing CR, ignored). */
    public static String[] splitWhitespace(String line) {
        String t = line.strip();
        return t.isEmpty() ? new String[0] : t.split("[ \\t]+");
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
