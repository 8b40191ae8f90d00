package dev.meektracker.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one secured broker, and the broker's certificate signed by it
 * (valid for 127.0.0.1 and localhost), written as PKCS12 stores: the broker's key store and the
 * trust store its clients need. EC P-256 keys, so generating them takes milliseconds.
 *
 * @param keyStore   the broker's key and certificate chain
 * @param trustStore the CA's certificate: what a client trusts to reach the broker
 * @param password   of both stores
 */
public record TlsMaterial(Path keyStore, Path trustStore, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A random secret of 24 URL-safe characters (144 bits). */
    public static String secret() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Makes a CA and a broker certificate valid for {@code validity}, written to {@code dir}. */
    public static TlsMaterial generate(Path dir, String caName, Duration validity) {
        try {
            Files.createDirectories(dir);
            KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
            keys.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            Date from = Date.from(Instant.now().minus(Duration.ofDays(1)));
            Date until = Date.from(Instant.now().plus(validity));

            KeyPair ca = keys.generateKeyPair();
            X500Name caSubject = new X500Name("CN=" + caName);
            X509v3CertificateBuilder caBuilder =
                    new JcaX509v3CertificateBuilder(caSubject, serial(), from, until, caSubject, ca.getPublic());
            caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(caBuilder, ca);

            KeyPair broker = keys.generateKeyPair();
            X509v3CertificateBuilder brokerBuilder = new JcaX509v3CertificateBuilder(
                    caCert, serial(), from, until, new X500Name("CN=localhost"), broker.getPublic());
            brokerBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            brokerBuilder.addExtension(
                    Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            brokerBuilder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
            }));
            // Clients check the host name they dialled against these (ssl.endpoint.identification.algorithm=https).
            brokerBuilder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
            }));
            X509Certificate brokerCert = sign(brokerBuilder, ca);

            String password = secret();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(
                    "broker", broker.getPrivate(), password.toCharArray(), new Certificate[] {brokerCert, caCert});
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("ca", caCert);
            Path ks = store(keyStore, dir.resolve("broker.keystore.p12"), password);
            Path ts = store(trustStore, dir.resolve("truststore.p12"), password);
            return new TlsMaterial(ks, ts, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TLS stores to " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the TLS certificates: " + e.getMessage(), e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static Path store(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        Secrets.ownerOnly(file);
        return file;
    }
}
