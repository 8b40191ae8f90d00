package dev.meektracker.launcher;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Kafka's refusals in words a user can act on: wrong credentials, an untrusted certificate, a
 * missing ACL. Kafka wraps them (ExecutionException, StreamsException, ...); the cause chain is
 * searched for them, so every command reports them as one line instead of a stack trace.
 */
final class KafkaErrors {

    private KafkaErrors() {}

    /** One line saying what the cluster refused and what to check, or null when {@code e} is no refusal. */
    static String refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SslAuthenticationException) {
                return "the TLS handshake with the Kafka cluster failed (" + root(t)
                        + "): check ssl.truststore.location holds the CA that signed the brokers' certificates";
            }
            if (t instanceof AuthenticationException) {
                return "the Kafka cluster refused the credentials (" + t.getMessage()
                        + "): check sasl.mechanism and the user and password in sasl.jaas.config";
            }
            if (t instanceof AuthorizationException) {
                return "the Kafka cluster's ACLs refused this principal (" + t.getMessage()
                        + "): README's \"Secured clusters\" lists the ACLs each role needs";
            }
        }
        return null;
    }

    private static String root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage();
    }
}
