package dev.meektracker.launcher;

import dev.meektracker.broker.BrokerSecurity;
import dev.meektracker.broker.Secrets;
import dev.meektracker.broker.TlsMaterial;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.security.RoleAcls;
import dev.meektracker.core.security.RoleAcls.Role;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;

/**
 * One SCRAM user per role on a secured embedded broker, the ACLs of {@link RoleAcls} for each, and
 * each role's client config written beside the broker's material. Passwords are made once and kept
 * (owner-only) in that folder, so a restarted broker, even on a fresh log directory, takes them again.
 */
final class SecureRoles {

    private static final int ITERATIONS = 8192;
    private static final String PASSWORDS = "role-passwords.properties";

    private SecureRoles() {}

    /** The client config files written, by role. */
    static String files() {
        List<String> f = new ArrayList<>();
        for (Role r : Role.values()) {
            f.add(r.command() + ".properties");
        }
        return String.join(", ", f);
    }

    static void install(Admin admin, TrackerConfig config, Path dir, String bootstrap, BrokerSecurity security)
            throws Exception {
        Properties passwords = passwords(dir);
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (Role r : Role.values()) {
            String user = r.defaultUser();
            String password = passwords.getProperty(user);
            users.add(new UserScramCredentialUpsertion(
                    user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password));
            acls.addAll(RoleAcls.of(r, config, "User:" + user));
            Properties client = security.client(user, password);
            client.put("bootstrap.servers", bootstrap);
            if (!config.topicPrefix().isEmpty()) {
                client.put(Settings.TOPIC_PREFIX, config.topicPrefix());
            }
            StringWriter text = new StringWriter();
            client.store(
                    text, "meek-tracker " + r.command() + " as User:" + user + " (secret: keep this file private)");
            Secrets.write(dir.resolve(r.command() + ".properties"), text.toString());
        }
        admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
        admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }

    /** The roles' passwords: read from the folder, or made and written there the first time. */
    private static Properties passwords(Path dir) {
        Path file = dir.resolve(PASSWORDS);
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        boolean added = false;
        for (Role r : Role.values()) {
            if (p.getProperty(r.defaultUser()) == null) {
                p.setProperty(r.defaultUser(), TlsMaterial.secret());
                added = true;
            }
        }
        if (added) {
            StringWriter text = new StringWriter();
            try {
                p.store(text, "SCRAM passwords of the meek-tracker roles");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Secrets.write(file, text.toString());
        }
        return p;
    }
}
