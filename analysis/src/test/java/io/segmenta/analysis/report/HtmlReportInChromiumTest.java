package io.segmenta.analysis.report;

import io.segmenta.analysis.Analysis;
import io.segmenta.analysis.AnalysisOptions;
import io.segmenta.analysis.Analyzer;
import io.segmenta.analysis.KRange;
import io.segmenta.analysis.Progress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads the report in a real headless Chromium (Debian's package, /usr/bin/chromium, or $CHROMIUM): the inline script
 * adds {@code #report-ready} only when every chart's SVG is in the DOM, and the browser log must show no console
 * error. Skipped, saying so, when Chromium is not installed.
 */
class HtmlReportInChromiumTest {

    static Path chromium() {
        String override = System.getenv("CHROMIUM");
        for (String candidate : new String[] {override, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    @Test
    void everyChartRendersWithoutConsoleErrors(@TempDir Path dir) throws IOException, InterruptedException,
            URISyntaxException {
        Path browser = chromium();
        Assumptions.assumeTrue(browser != null, "skipped: chromium not found at /usr/bin/chromium (install Debian's "
                + "'chromium' package, or set CHROMIUM=<path>)");
        Path table = Path.of(getClass().getResource("/analysis/blobs.csv").toURI());
        Analysis a = new Analyzer(AnalysisOptions.defaults(table).withKs(new KRange(2, 4)).withTsneRows(90))
                .run(Progress.silent());
        Path html = Files.writeString(dir.resolve("report.html"), HtmlReport.render(a), StandardCharsets.UTF_8);
        int charts = HtmlReport.chartCount(a);

        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + dir.resolve("profile"),
                "--enable-logging=stderr", "--v=0", "--dump-dom", html.toUri().toString()));
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("dom.html").toFile())
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished within 90 s").isTrue();
        String dom = Files.readString(dir.resolve("dom.html"));
        String log = Files.readString(dir.resolve("chromium.log"));

        assertThat(dom).as("chromium log:%n%s", log).contains("id=\"report-ready\"")
                .contains("report ready: " + charts + " charts");
        assertThat(dom.split("<svg class=\"chart\"", -1).length - 1).isEqualTo(charts).isEqualTo(10);
        assertThat(log.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList())
                .as("console messages").isEmpty();
    }
}
