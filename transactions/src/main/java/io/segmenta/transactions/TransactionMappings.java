package io.segmenta.transactions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses a {@link TransactionMapping}: by built-in name ({@value #ONLINE_RETAIL}, {@value #CDNOW}), by mapping
 * file, or by detection from the first line of the (first) data file when exactly one built-in recognises it.
 * Used the same way by {@code analyze} and by the event importer: {@code --mapping online-retail|cdnow|<file>}.
 */
public final class TransactionMappings {

    public static final String ONLINE_RETAIL = "online-retail";
    public static final String CDNOW = "cdnow";
    public static final List<String> BUILT_IN = List.of(ONLINE_RETAIL, CDNOW);
    static final String RESOURCE_FOLDER = "segmenta/mappings/";

    private TransactionMappings() {
    }

    /** A built-in mapping by name. */
    public static TransactionMapping builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new MappingException("no built-in mapping '" + name + "'; built-in mappings are " + BUILT_IN);
        }
        try {
            return TransactionMapping.loadResource(RESOURCE_FOLDER + name + ".properties");
        } catch (IOException e) {
            throw new UncheckedIOException("built-in mapping " + name + " is missing from the build", e);
        }
    }

    public static List<TransactionMapping> builtIns() {
        return BUILT_IN.stream().map(TransactionMappings::builtIn).toList();
    }

    /** A built-in name, or else the path of a mapping properties file. */
    public static TransactionMapping resolve(String nameOrFile) throws IOException {
        if (BUILT_IN.contains(nameOrFile)) {
            return builtIn(nameOrFile);
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new MappingException("--mapping '" + nameOrFile + "' is neither a built-in mapping " + BUILT_IN
                    + " nor a readable mapping file");
        }
        return TransactionMapping.load(file);
    }

    /**
     * The one built-in mapping that recognises the first line of {@code fileOrDirectory} (its first file in name
     * order); empty when none or several do.
     */
    public static Optional<TransactionMapping> detect(Path fileOrDirectory) throws IOException {
        List<Path> files = TransactionReader.files(fileOrDirectory);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        String firstLine = firstLine(files.get(0));
        List<TransactionMapping> matches = new ArrayList<>();
        for (TransactionMapping m : builtIns()) {
            if (m.matchesFirstLine(firstLine)) {
                matches.add(m);
            }
        }
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** The first line of a text file (BOM removed), or null when it is empty. */
    public static String firstLine(Path file) throws IOException {
        try (BufferedReader in = TextFiles.open(file)) {
            String line = in.readLine();
            return line == null ? null : line.replace("\uFEFF", "");
        }
    }
}
