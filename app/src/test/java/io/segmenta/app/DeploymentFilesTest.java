package io.segmenta.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segmenta.streams.AssignerCommand;
import io.segmenta.streams.AssignerRuntime;
import io.segmenta.streams.AssignerSettings;
import io.segmenta.streams.AssignerTopics;
import io.segmenta.trainer.TrainerCommand;
import io.segmenta.trainer.config.CheckpointSettings;
import io.segmenta.trainer.config.TrainerConfig;
import io.segmenta.trainer.config.TrainerSettings;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the distributed deployment's files ({@code docker-compose.yml}, {@code deploy/**}) against the code,
 * without Docker: pinned images, the mounted jars against the shade classifiers, the Flink job arguments, the
 * services' properties files, the topics, and the Grafana dashboard's metric names against what the assigner
 * exports. The compose file is read line by line (no YAML library on this classpath): it keeps to a simple layout.
 */
class DeploymentFilesTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:segmenta|kafka|flink)_[A-Za-z0-9_]+)\\b");

    private static Path root;
    private static List<String> compose;

    @BeforeAll
    static void findRepository() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("docker-compose.yml"))
                && Files.isDirectory(dir.resolve("deploy")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root with docker-compose.yml and deploy/ above the working directory")
                .isNotNull();
        root = dir;
        compose = Files.readAllLines(root.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
    }

    @Test
    void everyImageHasAPinnedTag() {
        Pattern image = Pattern.compile("^\\s*image:\\s*[\"']?([^\"'\\s#]+)[\"']?\\s*(#.*)?$");
        List<String> images = compose.stream().map(image::matcher).filter(Matcher::matches).map(m -> m.group(1))
                .toList();
        assertThat(images).as("image: lines").isNotEmpty();
        for (String ref : images) {
            String nameAndTag = ref.substring(ref.lastIndexOf('/') + 1);
            assertThat(nameAndTag).as("image %s has a tag", ref).contains(":");
            String tag = nameAndTag.substring(nameAndTag.indexOf(':') + 1);
            assertThat(tag).as("tag of %s", ref).isNotBlank().isNotEqualToIgnoringCase("latest").doesNotContain("$");
        }
    }

    @Test
    void mountedJarsAreTheShadedArtifacts() throws IOException {
        String version = projectVersion();
        String trainerPom = read("trainer/pom.xml");
        String streamsPom = read("streams-app/pom.xml");
        assertThat(element(trainerPom, "shadedClassifierName")).isEqualTo("job");
        assertThat(element(trainerPom, "mainClass")).isEqualTo(TrainerCommand.class.getName());
        assertThat(element(streamsPom, "shadedClassifierName")).isEqualTo("service");
        assertThat(element(streamsPom, "mainClass")).isEqualTo(AssignerCommand.class.getName());

        Map<String, String> mounts = bindMounts();
        String trainerJar = "./trainer/target/segmenta-trainer-${SEGMENTA_VERSION:-" + version + "}-job.jar";
        String assignerJar = "./streams-app/target/segmenta-streams-app-${SEGMENTA_VERSION:-" + version
                + "}-service.jar";
        assertThat(mounts).containsEntry(trainerJar, "/opt/flink/usrlib/segmenta-trainer-job.jar")
                .containsEntry(assignerJar, "/opt/segmenta/segmenta-streams-app-service.jar");
        // usrlib/ jars reach the job as classpath entries, not uploads: every Flink process needs the jar itself
        // (TrainerOnFlinkClusterIT runs the job on a JobManager and a TaskManager with a usrlib/ each)
        for (String flinkService : List.of("jobmanager", "taskmanager")) {
            assertThat(serviceBlock(flinkService)).as("the job jar mounted into %s", flinkService)
                    .anyMatch(l -> l.trim().equals("target: /opt/flink/usrlib/segmenta-trainer-job.jar"));
        }
        // every file mounted from the repository exists (the jars once built)
        mounts.keySet().stream().filter(s -> !s.endsWith(".jar")).forEach(source ->
                assertThat(root.resolve(source)).as("mounted %s", source).exists());

        List<String> assigner = command("assigner");
        assertThat(assigner).containsSequence("-jar", "/opt/segmenta/segmenta-streams-app-service.jar")
                .containsSequence("--config", "/etc/segmenta/assigner.properties");
    }

    @Test
    void flinkRunsTheTrainerInApplicationModeWithItsArguments() {
        List<String> command = command("jobmanager");
        assertThat(command).startsWith("standalone-job", "--job-classname", TrainerCommand.class.getName());
        // Flink's parser (commons-cli, prefix matching) stops at the first unknown option and hands the rest to
        // the job; a first job argument that prefixes a Flink option ("--config" -> "--configDir") is swallowed.
        String firstJobArgument = command.get(3);
        List<String> flinkOptions = List.of("configDir", "jar-file", "webui-port", "job-classname", "job-id", "host",
                "fromSavepoint", "allowNonRestoredState");
        assertThat(firstJobArgument).startsWith("--");
        assertThat(flinkOptions).noneMatch(o -> o.startsWith(firstJobArgument.substring(2)));
        assertThat(command).containsSequence("--config", "/etc/segmenta/trainer.properties");
        assertThat(compose).anyMatch(l -> l.trim().equals("execution.attached: true"));
        // a restarted JobManager restores the newest checkpoint of the shared volume, the Flink configuration's
        assertThat(command).containsSequence("--restore", CheckpointSettings.LATEST_IF_ANY)
                .containsSequence("--checkpoint-dir", "file:///opt/flink/state/checkpoints");
        assertThat(compose).anyMatch(l -> l.trim().equals("execution.checkpointing.dir: file:///opt/flink/state/checkpoints"));
    }

    @Test
    void servicePropertiesAreValidSettings() throws IOException {
        AssignerSettings assigner = AssignerSettings.load(root.resolve("deploy/assigner.properties"), Map.of());
        assertThat(assigner.httpHost()).isEqualTo("0.0.0.0");
        assertThat(compose).anyMatch(l -> l.trim().equals("- \"" + assigner.httpPort() + ":" + assigner.httpPort()
                + "\""));
        assertThat(read("deploy/prometheus/prometheus.yml")).contains("\"assigner:" + assigner.httpPort() + "\"");

        Properties trainerProps = new Properties();
        try (Reader in = Files.newBufferedReader(root.resolve("deploy/trainer.properties"))) {
            trainerProps.load(in);
        }
        TrainerConfig trainer = TrainerConfig.fromProperties(trainerProps);
        assertThat(trainer.settings().modelName()).isEqualTo(assigner.modelName());
        assertThat(trainer.settings().halfLifeDays()).isEqualTo(assigner.halfLifeDays());
    }

    @Test
    void theTopicsServiceCreatesEveryTopic() throws IOException {
        String script = read("deploy/kafka/create-topics.sh");
        AssignerTopics a = AssignerTopics.DEFAULTS;
        TrainerSettings.Topics t = TrainerSettings.Topics.DEFAULTS;
        for (String topic : List.of(a.events(), a.models(), a.modelHistory(), a.assignments(), a.changes(),
                a.deadLetters(), t.modelHistory(), t.drift(), t.deadLetters())) {
            assertThat(script).as("create-topics.sh").containsPattern("(?m)^create " + Pattern.quote(topic) + " ");
        }
        assertThat(script).containsPattern("(?m)^create segment-models +1 \"\\$\\{compacted\\[@]}\"")
                .containsPattern("(?m)^create segment-assignments +4 \"\\$\\{compacted\\[@]}\"")
                .containsPattern("(?m)^create customer-events +4 ")
                .containsPattern("(?m)^create segment-model-history +1 --config retention.ms=-1 ");
    }

    @Test
    void dashboardParsesAndUsesExportedMetrics(@TempDir Path stateDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(root.resolve("deploy/grafana/dashboards"))) {
            dashboards = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(dashboards).isNotEmpty();
        assertThat(read("deploy/grafana/provisioning/datasources/prometheus.yml")).contains("uid: prometheus");

        Set<String> exported = exportedMetricNames(stateDir);
        for (Path file : dashboards) {
            JsonNode dashboard = json.readTree(file.toFile());
            assertThat(dashboard.path("uid").asText()).isNotBlank();
            List<String> exprs = new ArrayList<>();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.path("panels")) {
                assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", panel.path("id")).isTrue();
                JsonNode pos = panel.path("gridPos");
                assertThat(pos.path("x").asInt() + pos.path("w").asInt()).as("panel %s fits 24 columns",
                        panel.path("title").asText()).isLessThanOrEqualTo(24);
                if (panel.has("datasource")) {
                    assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("prometheus");
                }
                panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            }
            Set<String> used = new TreeSet<>();
            exprs.forEach(e -> METRIC.matcher(e).results().forEach(m -> used.add(m.group(1))));
            assertThat(used).as("metrics in %s", file.getFileName())
                    .anyMatch(n -> n.startsWith("segmenta_assigner_events"));
            // Flink's names come from its reporter on the cluster: not checkable here
            assertThat(used.stream().filter(n -> !n.startsWith("flink_")).toList())
                    .as("metrics of %s the assigner exports", file.getFileName())
                    .allMatch(exported::contains, "exported by the assigner");
        }
    }

    /** Prometheus names of the assigner's own meters and of the Kafka Streams client metrics, as scraped. */
    private static Set<String> exportedMetricNames(Path stateDir) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", "localhost:1");
        config.put("schema.registry.url", "http://localhost:1");
        config.put("state.dir", stateDir.toString());
        AssignerSettings settings = AssignerSettings.fromMap(config);
        AssignerRuntime.create(settings, meters).metrics().deadLetter("test"); // tagged counters appear on use

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        // not started: the constructor registers the client's, threads' and consumers' metrics already
        try (KafkaStreams streams = new KafkaStreams(builder.build(), settings.streamsProperties(7070));
             KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams)) {
            binder.bindTo(meters);
            Set<String> names = new HashSet<>();
            for (String line : meters.scrape().split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
            streams.close(Duration.ofSeconds(5));
            return names;
        }
    }

    // ---- line-based reading of docker-compose.yml (services at two spaces, keys at four, items at six)

    private static List<String> serviceBlock(String service) {
        int start = compose.indexOf("  " + service + ":");
        assertThat(start).as("service %s in docker-compose.yml", service).isNotNegative();
        List<String> block = new ArrayList<>();
        for (int i = start + 1; i < compose.size(); i++) {
            String line = compose.get(i);
            if (!line.isBlank() && !line.startsWith("   ") && !line.trim().startsWith("#")) {
                break;
            }
            block.add(line);
        }
        return block;
    }

    /** The exec-form {@code command:} list of a service. */
    private static List<String> command(String service) {
        List<String> block = serviceBlock(service);
        int start = block.indexOf("    command:");
        assertThat(start).as("command list of %s", service).isNotNegative();
        List<String> items = new ArrayList<>();
        for (int i = start + 1; i < block.size() && block.get(i).startsWith("      - "); i++) {
            items.add(unquote(block.get(i).substring(8).trim()));
        }
        return items;
    }

    /** source -> target of the long-syntax bind mounts of every service. */
    private static Map<String, String> bindMounts() {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (int i = 0; i < compose.size(); i++) {
            if (compose.get(i).trim().equals("- type: bind")) {
                String source = null;
                String target = null;
                for (int j = i + 1; j < compose.size() && !compose.get(j).trim().startsWith("-")
                        && compose.get(j).startsWith("        "); j++) {
                    String line = compose.get(j).trim();
                    if (line.startsWith("source:")) {
                        source = unquote(line.substring(7).trim());
                    } else if (line.startsWith("target:")) {
                        target = unquote(line.substring(7).trim());
                    }
                }
                assertThat(source).as("bind mount at line %d has a source", i + 1).isNotNull();
                mounts.put(source, target);
            }
        }
        return mounts;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                ? s.substring(1, s.length() - 1) : s;
    }

    private static String projectVersion() throws IOException {
        String pom = read("pom.xml");
        Matcher m = Pattern.compile("<artifactId>segmenta-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(m.find()).as("version of the parent pom").isTrue();
        return m.group(1).trim();
    }

    private static String element(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        assertThat(m.find()).as("<%s> in the pom", name).isTrue();
        return m.group(1).trim();
    }

    private static String read(String relative) throws IOException {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }
}
