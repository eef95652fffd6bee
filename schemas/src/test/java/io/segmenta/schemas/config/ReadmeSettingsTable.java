package io.segmenta.schemas.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A README settings table, read for comparison with a service's declarations (shipped in the schemas test jar, so
 * the trainer's and the assigner's tests use the same rules). A table is the first Markdown table after a marker line
 * {@code <!-- settings: NAME -->}, with the columns {@code | key | shared | default | meaning |}:
 * <ul>
 *   <li>key: a backticked key; rows whose key is not {@code segmenta.*} (e.g. {@code bootstrap.servers}) document
 *       keys passed on to Kafka and are not compared;</li>
 *   <li>shared: {@code yes} for a setting both services share, else empty;</li>
 *   <li>default: starts with the backticked default ({@code `24h`}, further words may follow) when the declaration
 *       has one, with anything else ("—", "the model name ...") when it has none;</li>
 *   <li>meaning: not empty.</li>
 * </ul>
 */
public final class ReadmeSettingsTable {

    private static final Pattern LEADING_LITERAL = Pattern.compile("^`([^`]*)`");

    /** One row, cells trimmed, key without backticks. */
    public record Row(String key, String shared, String defaultCell, String meaning) {
    }

    private ReadmeSettingsTable() {
    }

    /** The project's README, seen from a module's directory (the tests' working directory) or the root. */
    public static Path readme() {
        Path fromModule = Path.of("..", "README.md");
        return Files.isRegularFile(fromModule) ? fromModule : Path.of("README.md");
    }

    /** The rows of the table marked {@code name} in {@code markdown}. */
    public static List<Row> rows(String markdown, String name) {
        List<String> lines = markdown.lines().toList();
        String marker = "<!-- settings: " + name + " -->";
        int at = lines.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException("no line " + marker);
        }
        int i = at + 1;
        while (i < lines.size() && !lines.get(i).startsWith("|")) {
            i++;
        }
        List<Row> rows = new ArrayList<>();
        for (int n = 0; i < lines.size() && lines.get(i).startsWith("|"); i++, n++) {
            if (n < 2) {
                continue; // header and separator
            }
            List<String> cells = cells(lines.get(i));
            if (cells.size() != 4) {
                throw new IllegalArgumentException("expected 4 cells: " + lines.get(i));
            }
            rows.add(new Row(cells.get(0).replace("`", ""), cells.get(1), cells.get(2), cells.get(3)));
        }
        return rows;
    }

    public static List<Row> rows(Path readme, String name) {
        try {
            return rows(Files.readString(readme, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a service's settings test checks, one line per problem: its README table (the one headed by
     * {@code name}) against its declarations, and every shared setting declared by the service too.
     */
    public static List<String> serviceProblems(String name, SettingsDefinition definition) {
        List<String> problems = new ArrayList<>(differences(rows(readme(), name), definition, SharedSettings.ALL));
        SharedSettings.ALL.stream().filter(s -> !definition.settings().contains(s))
                .forEach(s -> problems.add("shared, not declared by the " + name + ": " + s.key()));
        return problems;
    }

    /**
     * Where the table and the declarations disagree, one line each: a declared key missing from the table, a
     * {@code segmenta.*} row declaring nothing, a wrong shared mark, a default that differs, an empty meaning.
     */
    public static List<String> differences(List<Row> rows, SettingsDefinition definition,
                                           Collection<Setting<?>> shared) {
        List<String> problems = new ArrayList<>();
        Map<String, Setting<?>> declared = new LinkedHashMap<>();
        definition.settings().forEach(s -> declared.put(s.key(), s));
        List<String> seen = new ArrayList<>();
        for (Row row : rows) {
            if (!row.key().startsWith(SettingsDefinition.PREFIX)) {
                continue;
            }
            if (seen.contains(row.key())) {
                problems.add("listed twice: " + row.key());
            }
            seen.add(row.key());
            Setting<?> setting = declared.get(row.key());
            if (setting == null) {
                problems.add("in the README, not declared: " + row.key());
                continue;
            }
            boolean isShared = shared.stream().anyMatch(s -> s.key().equals(row.key()));
            if (isShared != row.shared().equalsIgnoreCase("yes")) {
                problems.add(row.key() + ": shared column should be " + (isShared ? "'yes'" : "empty"));
            }
            defaultProblem(setting, row.defaultCell()).ifPresent(problems::add);
            if (row.meaning().isBlank()) {
                problems.add(row.key() + ": no meaning");
            }
        }
        declared.keySet().stream().filter(k -> !seen.contains(k))
                .forEach(k -> problems.add("declared, not in the README: " + k));
        return problems;
    }

    private static java.util.Optional<String> defaultProblem(Setting<?> setting, String cell) {
        Matcher m = LEADING_LITERAL.matcher(cell);
        String expected = setting.defaultText() == null ? "no fixed default (not a leading `literal`)"
                : "`" + setting.defaultText() + "`";
        if (!m.find()) {
            return setting.defaultText() == null ? java.util.Optional.empty()
                    : java.util.Optional.of(setting.key() + ": default is " + expected + ", README says " + cell);
        }
        if (setting.defaultText() == null) {
            return java.util.Optional.of(setting.key() + ": default is " + expected + ", README says " + cell);
        }
        Object documented;
        try {
            documented = setting.parse(m.group(1));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(setting.key() + ": README default " + cell + " is not a valid value: "
                    + e.getMessage());
        }
        return Objects.equals(documented, setting.defaultValue()) ? java.util.Optional.empty()
                : java.util.Optional.of(setting.key() + ": default is " + expected + ", README says " + cell);
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        // split on pipes outside backticks: a cell may show `a|b`, and "\|" is an escaped pipe
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '`') {
                code = !code;
            }
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|' && !code) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }
}
