package dev.meektracker.launcher;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Asks the cluster for its id before a command starts work, so an address where no broker answers
 * gives a clear error within seconds rather than a client that retries for a minute and then prints
 * a bare TimeoutException.
 */
final class BrokerCheck {

    private BrokerCheck() {}

    /** No broker answered, or the cluster refused the client: the message says which and what to check. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    /** Returns when a broker of the configured cluster answers the client within {@code timeout}; else throws. */
    static void require(Properties client, Duration timeout) {
        String why = unreachable(client, timeout);
        if (why != null) {
            throw new Unreachable(message(client, timeout, why));
        }
    }

    /** The one line a command prints when {@link #unreachable} gave {@code why}. */
    static String message(Properties client, Duration timeout, String why) {
        String at = client.getProperty("bootstrap.servers");
        return why.startsWith(REFUSED)
                ? why.substring(REFUSED.length()) + " (at " + at + ")"
                : "no Kafka broker answered at " + at + " within " + timeout.toSeconds() + " s (" + why
                        + "); start one with `./meek-tracker broker`, or give --bootstrap-servers";
    }

    private static final String REFUSED = "refused: ";

    /** Null when a broker answered within {@code timeout}; otherwise why not, in a few words. */
    static String unreachable(Properties client, Duration timeout) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "timed out";
        } catch (ExecutionException e) {
            String refused = KafkaErrors.refusal(e);
            if (refused != null) {
                return REFUSED + refused;
            }
            return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        } catch (KafkaException e) {
            String refused = KafkaErrors.refusal(e);
            return refused != null ? REFUSED + refused : e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
