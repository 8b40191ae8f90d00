package dev.meektracker.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The secured mode of the embedded broker: clients reach it over SASL_SSL only (SCRAM-SHA-512 over
 * TLS, with a CA and a certificate made for it), and the StandardAuthorizer refuses whatever no ACL
 * allows. The broker authenticates to itself as the one super user, {@code broker}; the controller
 * listener stays on loopback, where only that user's PLAIN password opens it. Its material lives in a
 * folder, so a broker restarted on the same folder and log directory keeps its users and ACLs.
 *
 * @param tls                the CA-signed certificate and the trust store for clients
 * @param brokerPassword     SCRAM password of the super user {@code broker}
 * @param controllerPassword PLAIN password on the controller listener
 */
public record BrokerSecurity(TlsMaterial tls, String brokerPassword, String controllerPassword) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String SUPER_USER = "broker";
    private static final String SECRETS = "broker-secrets.properties";

    /** The material in {@code dir}, made there first if the folder has none. */
    public static BrokerSecurity inDirectory(Path dir) {
        Path secrets = dir.resolve(SECRETS);
        if (Files.exists(secrets)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(secrets)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + secrets + ": " + e.getMessage(), e);
            }
            return new BrokerSecurity(
                    new TlsMaterial(
                            dir.resolve("broker.keystore.p12"),
                            dir.resolve("truststore.p12"),
                            p.getProperty("store.password")),
                    p.getProperty("broker.password"),
                    p.getProperty("controller.password"));
        }
        TlsMaterial tls = TlsMaterial.generate(dir, "meek-tracker broker CA", Duration.ofDays(825));
        BrokerSecurity s = new BrokerSecurity(tls, TlsMaterial.secret(), TlsMaterial.secret());
        Secrets.write(
                secrets,
                "store.password=" + tls.password() + "\nbroker.password=" + s.brokerPassword + "\ncontroller.password="
                        + s.controllerPassword + "\n");
        return s;
    }

    /** The broker's listener, SASL, TLS and authorizer properties. */
    Map<String, String> brokerProperties(int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", "SASL_SSL");
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas("scram.ScramLoginModule", brokerPassword));
        // SCRAM credentials live in the metadata log, which the controller cannot read before it runs.
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put(
                "listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + SUPER_USER
                        + "\" password=\"" + controllerPassword + "\" user_" + SUPER_USER + "=\"" + controllerPassword
                        + "\";");
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", tls.keyStore().toString());
        p.put("ssl.keystore.password", tls.password());
        p.put("ssl.key.password", tls.password());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", tls.trustStore().toString());
        p.put("ssl.truststore.password", tls.password());
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + SUPER_USER);
        p.put("allow.everyone.if.no.acl.found", "false");
        return p;
    }

    /** The format-time SCRAM credential of the super user (KIP-900), so the broker can authenticate to itself. */
    String scramArgument() {
        return MECHANISM + "=[name=" + SUPER_USER + ",password=" + brokerPassword + "]";
    }

    /** Client properties of the super user. */
    public Properties superUser() {
        return client(SUPER_USER, brokerPassword);
    }

    /** Client properties of {@code user} over SASL_SSL, trusting this broker's CA. */
    public Properties client(String user, String password) {
        return clientProperties(user, password, tls.trustStore(), tls.password());
    }

    /** SASL_SSL client properties: SCRAM-SHA-512 as {@code user}, trusting the CA in {@code trustStore}. */
    public static Properties clientProperties(String user, String password, Path trustStore, String storePassword) {
        Properties p = new Properties();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaasFor(user, password));
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", trustStore.toString());
        p.put("ssl.truststore.password", storePassword);
        return p;
    }

    private static String jaas(String module, String password) {
        return "org.apache.kafka.common.security." + module + " required username=\"" + SUPER_USER + "\" password=\""
                + password + "\";";
    }

    private static String jaasFor(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }
}
