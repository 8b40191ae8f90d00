package dev.meektracker.broker;

import dev.meektracker.core.config.KafkaVersion;
import dev.meektracker.core.config.TempDirectories;
import dev.meektracker.core.net.FreePorts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in this JVM: one KRaft node that is both broker and controller, the
 * same server code a production cluster runs, started from Maven Central jars in a few seconds.
 * Sized for a laptop: internal topics get few partitions and the log cleaner a small buffer.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final Path logDir;
    private final boolean deleteOnClose;
    private final int requestedPort;
    private final Map<String, String> overrides;
    private final BrokerSecurity security;
    private KafkaRaftServer server;
    private String bootstrapServers;

    /**
     * @param logDir        where the broker keeps its logs; null for a fresh temporary folder removed on close
     * @param port          client port on 127.0.0.1; 0 picks a free one
     * @param overrides     broker properties that replace the defaults
     */
    public EmbeddedKafkaBroker(Path logDir, int port, Map<String, String> overrides) {
        this(logDir, port, overrides, null);
    }

    /**
     * @param security null for a PLAINTEXT listener; else the broker takes SASL_SSL clients only,
     *                 with ACLs (see {@link BrokerSecurity})
     */
    public EmbeddedKafkaBroker(Path logDir, int port, Map<String, String> overrides, BrokerSecurity security) {
        this.security = security;
        try {
            this.deleteOnClose = logDir == null;
            this.logDir = logDir == null ? Files.createTempDirectory("meek-tracker-kafka-") : logDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.requestedPort = port;
        this.overrides = Map.copyOf(overrides);
    }

    public EmbeddedKafkaBroker() {
        this(null, 0, Map.of());
    }

    /** Formats the storage if it is new, starts the server and waits until it answers clients. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        long started = System.nanoTime();
        int brokerPort = requestedPort == 0 ? FreePorts.next() : requestedPort;
        int controllerPort = FreePorts.nextOtherThan(brokerPort);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        // The default 128 MiB dedupe buffer would dominate a laptop-sized process.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.put("log.cleaner.threads", "1");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        if (deleteOnClose) {
            // Its logs are deleted when it stops: handing partition leadership over first (a controlled
            // shutdown, a round trip to the controller and a metadata update) serves nobody.
            props.put("controlled.shutdown.enable", "false");
        }
        if (security != null) {
            props.putAll(security.brokerProperties(brokerPort, controllerPort));
        }
        props.putAll(overrides);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        format(config);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        bootstrapServers = "127.0.0.1:" + brokerPort;
        awaitReady(Duration.ofSeconds(60));
        LOG.info(
                "Kafka {} broker (KRaft, broker+controller) ready at {} in {} ms, logs in {}",
                KafkaVersion.get(),
                bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                logDir);
        return this;
    }

    public String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("the broker has not been started");
        }
        return bootstrapServers;
    }

    /** What a client needs to reach the broker: the bootstrap servers, and on a secured broker the super user's credentials. */
    public Properties clientProperties() {
        Properties p = security == null ? new Properties() : security.superUser();
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }

    public Path logDir() {
        return logDir;
    }

    /** Blocks until the server stops (for the stand-alone {@code broker} command). */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (deleteOnClose) {
            TempDirectories.deleteQuietly(logDir);
        }
    }

    private void format(KafkaConfig config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setIgnoreFormatted(true)
                    .setScramArguments(security == null ? List.of() : List.of(security.scramArgument()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot format the broker's storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties conf = clientProperties();
        conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        // The broker is in this process: ask again soon (its coordinators' topics are made in tens of ms).
        conf.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        conf.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 100);
        Admin admin = Admin.create(conf);
        boolean handedOver = false;
        try {
            while (true) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty()) {
                        // The coordinators' topics are made meanwhile: the caller creates its topics and
                        // starts its clients, which reach a coordinator some hundreds of ms later.
                        Thread warmUp = new Thread(
                                () -> {
                                    try {
                                        createCoordinatorTopics(admin);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    } finally {
                                        admin.close(Duration.ofSeconds(5));
                                    }
                                },
                                "broker-coordinator-topics");
                        warmUp.setDaemon(true);
                        warmUp.start();
                        handedOver = true;
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "the embedded broker did not become ready within " + timeout, notYet);
                    }
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } finally {
            if (!handedOver) {
                admin.close();
            }
        }
    }

    /**
     * Has the broker create the group and transaction coordinators' topics now, on a thread of its own
     * once the broker answers. It creates each on the first request for its coordinator, and the client
     * that asked backs off, up to a second between tries, until the topic is there: the streams
     * application's first start paid that twice. Waiting for them before reporting ready held the
     * demo's start up by a few hundred ms that the caller's own set-up covers.
     * Looking up a group and a transactional id that do not exist is enough; their answers do not matter.
     */
    private static void createCoordinatorTopics(Admin admin) throws InterruptedException {
        for (var lookup : List.of(
                admin.describeConsumerGroups(List.of("meek-tracker-broker-warm-up"))
                        .all(),
                admin.describeTransactions(List.of("meek-tracker-broker-warm-up"))
                        .all())) {
            try {
                lookup.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException answered) {
                // Not found (the transactional id) or slow: the coordinator's topic is made or being made.
            }
        }
    }
}
