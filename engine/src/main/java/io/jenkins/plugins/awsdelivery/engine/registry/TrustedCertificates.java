package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS trust for registries with a private certificate authority, in addition to the JDK's trust store. */
public final class TrustedCertificates {
    private TrustedCertificates() {}

    /**
     * An SSL context trusting the JDK's authorities plus every certificate in a PEM file (a CA or a self-signed
     * registry certificate).
     *
     * @param parameter the option the path came from, for the error message
     */
    public static SSLContext withPemFile(String parameter, Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates =
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new InvalidParameterException(parameter, pemFile + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("extra-" + i++, certificate);
            }
            List<X509TrustManager> managers = new ArrayList<>();
            managers.add(x509(store));
            managers.add(x509(null));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new EitherTrustManager(managers)}, null);
            return context;
        } catch (IOException e) {
            throw new InvalidParameterException(parameter, "cannot read " + pemFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new InvalidParameterException(parameter, pemFile + " is not a PEM certificate: " + e.getMessage());
        }
    }

    private static X509TrustManager x509(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a server when any of its managers does. */
    private static final class EitherTrustManager implements X509TrustManager {
        private final List<X509TrustManager> managers;

        EitherTrustManager(List<X509TrustManager> managers) {
            this.managers = managers;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException last = null;
            for (X509TrustManager manager : managers) {
                try {
                    manager.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    last = e;
                }
            }
            throw last;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>();
            managers.forEach(m -> all.addAll(List.of(m.getAcceptedIssuers())));
            return all.toArray(new X509Certificate[0]);
        }
    }
}
