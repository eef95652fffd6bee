package io.segmenta.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A standalone Flink cluster in application mode, started the way the {@code flink} image's entrypoint starts
 * {@code standalone-job} and {@code taskmanager}: a JobManager JVM running Flink's
 * {@code StandaloneApplicationClusterEntryPoint} (it runs the job class's {@code main} from the jar in
 * {@code $FLINK_HOME/usrlib/}) and a TaskManager JVM ({@code TaskManagerRunner}), both with {@code --configDir} on a
 * {@code config.yaml}, JVM memory options derived from it by Flink's own code (as the image's scripts do), and a
 * classpath of Flink's jars only: whatever else the job needs must come from the job jar.
 */
public final class FlinkApplicationCluster implements AutoCloseable {

    private static final String ENTRY_POINT = "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    /**
     * What the distribution's own {@code conf/config.yaml} sets (the image starts from it, then adds
     * {@code FLINK_PROPERTIES}): the JVM options Flink needs on Java 17+, which its scripts pass to every JVM.
     */
    private static final Map<String, String> DISTRIBUTION_DEFAULTS = Map.of(
            "env.java.opts.all", String.join(" ",
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"),
            "jobmanager.execution.failover-strategy", "region");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOG4J = """
            rootLogger.level = INFO
            rootLogger.appenderRef.console.ref = ConsoleAppender
            appender.console.name = ConsoleAppender
            appender.console.type = CONSOLE
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = WARN
            """;

    private final Path root;
    private final int restPort;
    private final Process jobManager;
    private final Process taskManager;
    private final HttpClient http = HttpClient.newHttpClient();

    private FlinkApplicationCluster(Path root, int restPort, Process jobManager, Process taskManager) {
        this.root = root;
        this.restPort = restPort;
        this.jobManager = jobManager;
        this.taskManager = taskManager;
    }

    /**
     * Lays out one {@code $FLINK_HOME} per process under {@code root} ({@code jobmanager/}, {@code taskmanager/}) like
     * the image's {@code /opt/flink}: conf/ with {@code settings} plus local addresses and free ports in
     * {@code config.yaml}, an empty lib/ and plugins/, and usrlib/ with the job jar (the compose file mounts it into
     * both services). Starts the JobManager with {@code --job-classname jobClass} and the job's arguments, then one
     * TaskManager. Each process runs in its own home, as in its container; {@code root} is also where the logs go.
     */
    public static FlinkApplicationCluster start(Path root, List<Path> flinkJars, Path jobJar, Map<String, String> settings,
                                                String jobClass, List<String> jobArguments) throws IOException {
        int restPort = freePort();
        Map<String, String> config = new LinkedHashMap<>(DISTRIBUTION_DEFAULTS);
        config.putAll(settings);
        config.put("jobmanager.rpc.address", "localhost");
        config.put("jobmanager.rpc.port", Integer.toString(freePort()));
        config.put("jobmanager.bind-host", "localhost");
        config.put("rest.address", "localhost");
        config.put("rest.bind-address", "localhost");
        config.put("rest.port", Integer.toString(restPort));
        config.put("taskmanager.host", "localhost");
        config.put("taskmanager.bind-host", "localhost");
        Path jmHome = flinkHome(root.resolve("jobmanager"), config, jobJar);
        Path tmHome = flinkHome(root.resolve("taskmanager"), config, jobJar);
        Configuration flink = GlobalConfiguration.loadConfiguration(jmHome.resolve("conf").toString());
        String classpath = flinkJars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));

        JobManagerProcessSpec jm = JobManagerProcessUtils.processSpecFromConfig(flink);
        List<String> jmOptions = new ArrayList<>(split(JobManagerProcessUtils.generateJvmParametersStr(jm, flink)));
        jmOptions.addAll(split(flink.get(CoreOptions.FLINK_JVM_OPTIONS) + " " + flink.get(CoreOptions.FLINK_JM_JVM_OPTIONS)));
        List<String> jmArguments = new ArrayList<>(split(JobManagerProcessUtils.generateDynamicConfigsStr(jm)));
        jmArguments.addAll(List.of("--job-classname", jobClass));
        jmArguments.addAll(jobArguments);
        Process jobManager = launch(jmHome, root.resolve("jobmanager.log"), jmOptions, classpath, ENTRY_POINT, jmArguments);

        TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(flink);
        List<String> tmOptions = new ArrayList<>(split(ProcessMemoryUtils.generateJvmParametersStr(tm)));
        tmOptions.addAll(split(flink.get(CoreOptions.FLINK_JVM_OPTIONS) + " " + flink.get(CoreOptions.FLINK_TM_JVM_OPTIONS)));
        try {
            Process taskManager = launch(tmHome, root.resolve("taskmanager.log"), tmOptions, classpath, TASK_MANAGER,
                    split(TaskExecutorProcessUtils.generateDynamicConfigsStr(tm)));
            return new FlinkApplicationCluster(root, restPort, jobManager, taskManager);
        } catch (IOException | RuntimeException e) {
            jobManager.destroyForcibly();
            throw e;
        }
    }

    private static Path flinkHome(Path home, Map<String, String> config, Path jobJar) throws IOException {
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("lib"));
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(jobJar, Files.createDirectories(home.resolve("usrlib")).resolve(jobJar.getFileName()));
        Files.writeString(conf.resolve("config.yaml"), config.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        Files.writeString(conf.resolve("log4j-console.properties"), LOG4J);
        return home;
    }

    private static Process launch(Path home, Path log, List<String> jvmOptions, String classpath, String mainClass,
                                  List<String> arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlog4j.configurationFile=" + home.resolve("conf/log4j-console.properties"),
                "-cp", classpath, mainClass, "--configDir", home.resolve("conf").toString()));
        command.addAll(arguments);
        // the image's scripts run in $FLINK_HOME and export these; the entry point finds usrlib/ next to FLINK_LIB_DIR
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("FLINK_HOME", home.toString());
        builder.environment().put("FLINK_CONF_DIR", home.resolve("conf").toString());
        builder.environment().put("FLINK_LIB_DIR", home.resolve("lib").toString());
        builder.environment().put("FLINK_PLUGINS_DIR", home.resolve("plugins").toString());
        return builder.start();
    }

    public Process jobManager() {
        return jobManager;
    }

    public Process taskManager() {
        return taskManager;
    }

    public Path log(String role) {
        return root.resolve(role + ".log");
    }

    /** GET on the JobManager's REST API; null while it does not answer (starting, electing its leader, or gone). */
    public JsonNode get(String path) throws InterruptedException {
        return send(HttpRequest.newBuilder(rest(path)).GET().build());
    }

    /** POST of a JSON body on the JobManager's REST API; null when it does not answer. */
    public JsonNode post(String path, String body) throws InterruptedException {
        return send(HttpRequest.newBuilder(rest(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503) {
                return null;
            }
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return body;
        } catch (IOException notAnswering) {
            return null;
        }
    }

    private URI rest(String path) {
        return URI.create("http://localhost:" + restPort + path);
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * SIGTERM to both (Flink's shutdown hooks run), SIGKILL after 30 s; then deletes the two copies of the job jar
     * (the logs, configuration and state stay for a look after a failure).
     */
    @Override
    public void close() throws InterruptedException, IOException {
        for (Process process : List.of(taskManager, jobManager)) {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
        for (String role : List.of("jobmanager", "taskmanager")) {
            try (var jars = Files.list(root.resolve(role).resolve("usrlib"))) {
                for (Path jar : jars.toList()) {
                    Files.delete(jar);
                }
            }
        }
    }
}
