package io.segmenta.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentModel;
import io.segmenta.it.support.CommittedRecords;
import io.segmenta.it.support.EventWeeks;
import io.segmenta.it.support.FlinkApplicationCluster;
import io.segmenta.it.support.PipelineUnderTest;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.trainer.TrainerCommand;
import io.segmenta.trainer.config.CheckpointSettings;
import io.segmenta.trainer.config.RetainedCheckpoints;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The trainer's shaded job jar on a real Flink cluster in application mode, as {@code docker-compose.yml} runs it:
 * a JobManager process ({@code standalone-job --job-classname TrainerCommand} with the jar in {@code usrlib/}, the
 * compose file's Flink properties and its job arguments with {@code deploy/trainer.properties}) and a TaskManager
 * process, on Flink's jars only. The job reaches RUNNING, publishes models from events sent before and while it runs,
 * checkpoints to the configured directory, and a stop with a savepoint ends the application and the JobManager.
 */
class TrainerOnFlinkClusterIT {

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Test
    void theShadedJobJarRunsOnAFlinkClusterInApplicationMode() throws Exception {
        Path jobJar = Path.of(System.getProperty("segmenta.trainer.job.jar", "missing")).toAbsolutePath().normalize();
        Path classpathFile = Path.of(System.getProperty("segmenta.flink.cluster.classpath", "missing"));
        Path repository = Path.of(System.getProperty("segmenta.repository.dir", "..")).toAbsolutePath().normalize();
        cannotRunUnless(Files.isRegularFile(jobJar), "the trainer's job jar is not at " + jobJar
                + " (built by the trainer's package phase without -DskipShade)");
        cannotRunUnless(!olderThanTheClassesBesideIt(jobJar), "the job jar " + jobJar
                + " is older than the trainer's compiled classes (the last build ran with -DskipShade)");
        cannotRunUnless(Files.isRegularFile(classpathFile), "the Flink cluster classpath " + classpathFile
                + " was not written (maven-dependency-plugin's flink-cluster-classpath execution)");

        Path home = Files.createTempDirectory("segmenta-flink-cluster");
        String checkpoints = home.resolve("state/checkpoints").toUri().toString();
        String savepoints = home.resolve("state/savepoints").toUri().toString();
        try (PipelineUnderTest pipeline = new PipelineUnderTest("flinkcluster-" + System.currentTimeMillis())) {
            // given: three of five weeks of events on the topic before the cluster starts
            SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(200)
                    .withDays(35).withSeed(23).withDrift(false));
            List<List<CustomerEvent>> weeks = EventWeeks.of(population);
            int sent = 0;
            while (sent < 3) {
                pipeline.sendEvents(weeks.get(sent++));
            }

            // when: the cluster runs the job jar with the compose file's Flink settings and job arguments
            Map<String, String> flink = composeFlinkProperties(repository.resolve("docker-compose.yml"));
            flink.keySet().removeIf(key -> key.startsWith("metrics.reporter.")); // the image's plugin, not here
            flink.put("jobmanager.memory.process.size", "1g");
            flink.put("taskmanager.memory.process.size", "1280m");
            flink.put("execution.checkpointing.dir", checkpoints);
            flink.put("execution.checkpointing.savepoint-dir", savepoints);
            List<String> jobArguments = jobArguments(pipeline, repository.resolve("deploy/trainer.properties"),
                    checkpoints);
            List<Path> flinkJars = Arrays.stream(Files.readString(classpathFile).trim().split(File.pathSeparator))
                    .map(Path::of).toList();
            long started = System.nanoTime();
            try (FlinkApplicationCluster cluster = FlinkApplicationCluster.start(home, flinkJars, jobJar, flink,
                    TrainerCommand.class.getName(), jobArguments)) {
                JsonNode job = awaitRunning(cluster, home);
                String jobId = job.get("jid").asText();
                double toRunning = seconds(started);
                History history = new History(pipeline);
                history.await(v -> v >= 1, cluster, home);
                double toFirstModel = seconds(started);
                long first = history.versions().getFirst();

                // and: the rest of the weeks arrive while it runs
                Instant sentLive = weeks.get(sent).getFirst().getEventTime();
                while (sent < weeks.size()) {
                    pipeline.sendEvents(weeks.get(sent++));
                }
                long later = history.await(v -> v > first && history.model(v).getTrainingWindow().getEnd()
                        .isAfter(sentLive), cluster, home);
                boolean jobManagerAliveWhileRunning = cluster.jobManager().isAlive();
                JsonNode checkpointCounts = cluster.get("/jobs/" + jobId + "/checkpoints").get("counts");
                RetainedCheckpoints.Checkpoint retained = RetainedCheckpoints.latest(checkpoints).orElse(null);
                JsonNode overview = cluster.get("/overview");
                // usrlib jars reach the job as classpath URLs, not as uploaded blobs: each TaskManager loads the job's
                // classes from that path, so it needs the jar at the same place (the compose file mounts it in both)
                String classpaths = jobConfig(cluster, jobId).getOrDefault("pipeline.classpaths", "");

                // then: a stop with a savepoint finishes the job, main returns and the application ends the JobManager
                String trigger = cluster.post("/jobs/" + jobId + "/stop", "{\"drain\":false,\"targetDirectory\":\""
                        + savepoints + "\"}").get("request-id").asText();
                JsonNode savepoint = awaitSavepoint(cluster, jobId, trigger);
                boolean jobManagerEnded = cluster.jobManager().waitFor(60, TimeUnit.SECONDS);
                String jobManagerLog = Files.readString(cluster.log("jobmanager"));

                System.out.printf("[trainer on a Flink cluster] job %s (%s) RUNNING after %.1f s with %d TaskManager(s), "
                                + "%d slots, job classpath %s; model v%d after %.1f s, v%d (window to %s) from events "
                                + "sent while it ran; versions %s; %d checkpoints completed, retained %s; JobManager "
                                + "alive while running: %s; stop with savepoint %s -> %s; JobManager ended by itself: %s "
                                + "(exit %s); logs in %s%n", jobId, job.get("name").asText(), toRunning,
                        overview.get("taskmanagers").asInt(), overview.get("slots-total").asInt(), classpaths, first,
                        toFirstModel, later, history.model(later).getTrainingWindow().getEnd(), history.versions(),
                        checkpointCounts.get("completed").asLong(), retained == null ? "none" : retained.path(),
                        jobManagerAliveWhileRunning, savepoint.at("/status/id").asText(),
                        savepoint.at("/operation/location").asText(), jobManagerEnded,
                        jobManagerEnded ? cluster.jobManager().exitValue() : "-", home);
                assertThat(job.get("name").asText()).isEqualTo("segmenta-trainer default");
                assertThat(overview.get("taskmanagers").asInt()).isEqualTo(1);
                assertThat(classpaths).contains("usrlib/" + jobJar.getFileName());
                assertThat(first).isEqualTo(1);
                assertThat(history.versions()).as("versions without a gap")
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, history.versions().size())
                                .boxed().toList());
                assertThat(jobManagerAliveWhileRunning).as("the JobManager runs on after main submitted the job").isTrue();
                assertThat(checkpointCounts.get("completed").asLong()).isPositive();
                assertThat(retained).as("a complete checkpoint under %s", checkpoints).isNotNull();
                assertThat(retained.path()).contains(jobId);
                assertThat(savepoint.at("/status/id").asText()).isEqualTo("COMPLETED");
                assertThat(Path.of(java.net.URI.create(savepoint.at("/operation/location").asText()))
                        .resolve("_metadata")).exists();
                assertThat(jobManagerEnded).as("the JobManager ended with its application (log: %s)", home).isTrue();
                assertThat(cluster.jobManager().exitValue()).as("JobManager exit code (log: %s)", home).isZero();
                assertThat(linkageErrors(jobManagerLog)).as("class loading errors in the JobManager's log").isEmpty();
                assertThat(linkageErrors(Files.readString(cluster.log("taskmanager"))))
                        .as("class loading errors in the TaskManager's log").isEmpty();
            }
        }
    }

    private static boolean olderThanTheClassesBesideIt(Path jar) throws IOException {
        Path classes = jar.resolveSibling("classes");
        if (!Files.isDirectory(classes)) {
            return false;
        }
        try (var files = Files.walk(classes)) {
            long built = Files.getLastModifiedTime(jar).toMillis();
            return files.anyMatch(f -> {
                try {
                    return f.toString().endsWith(".class") && Files.getLastModifiedTime(f).toMillis() > built;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** Lines that say a class or member was missing or clashed (a jar that lacks or duplicates something). */
    private static List<String> linkageErrors(String log) {
        return log.lines().filter(l -> l.matches(".*(ClassNotFoundException|NoClassDefFoundError|NoSuchMethodError"
                        + "|NoSuchFieldError|LinkageError|ClassCastException).*"))
                // Flink probes for Hadoop and says so at INFO: the image has no Hadoop either
                .filter(l -> !l.contains("Hadoop FS is not available")).toList();
    }

    /** Says why the test cannot run here (printed, and reported as skipped), never passes silently. */
    private static void cannotRunUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("[trainer on a Flink cluster] cannot run: " + reason);
        }
        assumeTrue(condition, "skipped: " + reason);
    }

    /** The {@code FLINK_PROPERTIES} block of the compose file: the Flink settings both Flink services get. */
    static Map<String, String> composeFlinkProperties(Path compose) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(compose, StandardCharsets.UTF_8);
        int start = lines.indexOf(lines.stream().filter(l -> l.trim().equals("FLINK_PROPERTIES: |")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no FLINK_PROPERTIES block in " + compose)));
        int indent = indent(lines.get(start));
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.isBlank() || indent(line) <= indent) {
                break;
            }
            int colon = line.indexOf(':');
            properties.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return properties;
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    /**
     * The compose file's job arguments (a non-Flink flag first; a restarted JobManager restores the newest checkpoint,
     * the first start finds none), plus this test's topics, k, window and pace.
     */
    private static List<String> jobArguments(PipelineUnderTest pipeline, Path trainerProperties, String checkpoints) {
        List<String> arguments = new ArrayList<>(List.of("--bootstrap-servers", pipeline.bootstrap,
                "--schema-registry", pipeline.registryUrl, "--config", trainerProperties.toString(),
                "--checkpoint-dir", checkpoints, "--restore", CheckpointSettings.LATEST_IF_ANY,
                "--k", "3", "--window", "P7D", "--start", "earliest"));
        pipeline.trainerWiring("2s").forEach((key, value) -> arguments.addAll(List.of("-D", key + "=" + value)));
        return arguments;
    }

    /** The one job of the application once it and all its tasks run. */
    private static JsonNode awaitRunning(FlinkApplicationCluster cluster, Path home) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            requireAlive(cluster, home);
            JsonNode jobs = cluster.get("/jobs/overview");
            if (jobs != null && jobs.get("jobs").size() == 1 && jobs.get("jobs").get(0).get("state").asText().equals("RUNNING")) {
                JsonNode job = jobs.get("jobs").get(0);
                JsonNode tasks = job.get("tasks");
                if (tasks.get("running").asInt() == tasks.get("total").asInt()) {
                    return job;
                }
            }
            assertThat(System.nanoTime()).as("job RUNNING within %s (logs in %s): %s", PATIENCE, home, jobs)
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** The configuration the JobManager runs the job with (REST: a list of key/value pairs). */
    private static Map<String, String> jobConfig(FlinkApplicationCluster cluster, String jobId) throws InterruptedException {
        Map<String, String> config = new LinkedHashMap<>();
        cluster.get("/jobs/" + jobId + "/jobmanager/config").forEach(e -> config.put(e.get("key").asText(),
                e.get("value").asText()));
        return config;
    }

    private static JsonNode awaitSavepoint(FlinkApplicationCluster cluster, String jobId, String trigger)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status;
        do {
            Thread.sleep(250);
            status = cluster.get("/jobs/" + jobId + "/savepoints/" + trigger);
        } while ((status == null || status.at("/status/id").asText().equals("IN_PROGRESS")) && System.nanoTime() < deadline);
        assertThat(status).as("the savepoint's status from the JobManager").isNotNull();
        return status;
    }

    /** Fails at once, with the log, when a process ended or the JobManager gave up on the application. */
    private static void requireAlive(FlinkApplicationCluster cluster, Path home) throws IOException {
        for (String role : List.of("jobmanager", "taskmanager")) {
            Process process = role.equals("jobmanager") ? cluster.jobManager() : cluster.taskManager();
            String log = Files.readString(cluster.log(role));
            if (!process.isAlive() || log.contains("Fatal error occurred in the cluster entrypoint")) {
                int fatal = log.indexOf("Fatal error occurred");
                throw new AssertionError("the " + role + " failed (" + (process.isAlive() ? "still running" : "exit "
                        + process.exitValue()) + "; logs in " + home + "):\n"
                        + (fatal >= 0 ? log.substring(fatal, Math.min(log.length(), fatal + 6000))
                        : log.substring(Math.max(0, log.length() - 6000))));
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The model history as read_committed consumers see it. */
    private static final class History {
        private final PipelineUnderTest pipeline;
        private final String topic;
        private final AvroDeserializer<SegmentModel> models;
        private final TreeMap<Long, SegmentModel> byVersion = new TreeMap<>();

        History(PipelineUnderTest pipeline) {
            this.pipeline = pipeline;
            this.topic = pipeline.topic("segment-model-history");
            this.models = new AvroDeserializer<>(pipeline.registry, SegmentModel.class);
        }

        /** Waits until a committed version satisfies {@code wanted}; returns the newest such version. */
        long await(Predicate<Long> wanted, FlinkApplicationCluster cluster, Path home) throws Exception {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                requireAlive(cluster, home);
                byVersion.clear();
                CommittedRecords.read(pipeline.bootstrap, topic).forEach(r -> {
                    SegmentModel model = models.deserialize(topic, r.value());
                    byVersion.put(model.getVersion(), model);
                });
                var match = byVersion.descendingKeySet().stream().filter(wanted).findFirst();
                if (match.isPresent()) {
                    return match.get();
                }
                assertThat(System.nanoTime()).as("a model version within %s (logs in %s); versions so far %s",
                        PATIENCE, home, byVersion.keySet()).isLessThan(deadline);
                Thread.sleep(500);
            }
        }

        SegmentModel model(long version) {
            return byVersion.get(version);
        }

        List<Long> versions() {
            return new ArrayList<>(byVersion.keySet());
        }
    }
}
