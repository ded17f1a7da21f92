package org.jracoon.crypto.openssl;

import java.util.Locale;
import org.jracoon.ike.crypto.CryptoProvider;

/**
 * Which {@link CryptoProvider} a process runs with: libcrypto when it loads, else the Java one.
 * The daemon chooses by {@code --crypto}; a tool that just wants the fastest one available
 * calls {@link #auto()}.
 */
public final class CryptoProviders {

    /** The values of {@code --crypto}. */
    public static final String OPTION_VALUES = "java|openssl|auto";

    /** What was asked for. */
    public enum Choice {
        JAVA, OPENSSL, AUTO;

        /**
         * @throws IllegalArgumentException one line naming the values allowed
         */
        public static Choice parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + value + "' is not one of " + OPTION_VALUES);
            }
        }
    }

    /**
     * The provider chosen and the line that says so at start-up.
     *
     * @param description e.g. "openssl (OpenSSL 3.0.19 27 Jan 2026)", or "java (libcrypto.so.3
     *     not usable: ...)" when auto fell back
     */
    public record Selection(CryptoProvider provider, String description) {
    }

    private CryptoProviders() {
    }

    /**
     * @throws UnsupportedOperationException {@link Choice#OPENSSL} without a usable libcrypto 3:
     *     one line why
     */
    public static Selection select(Choice choice) {
        if (choice == Choice.JAVA) {
            return new Selection(CryptoProvider.JAVA, "java (as asked)");
        }
        try {
            OpenSslCryptoProvider openssl = OpenSslCryptoProvider.load();
            return new Selection(openssl, openssl.toString());
        } catch (UnsupportedOperationException e) {
            if (choice == Choice.OPENSSL) {
                throw e;
            }
            return new Selection(CryptoProvider.JAVA, "java (" + e.getMessage() + ")");
        }
    }

    /** libcrypto's provider when it loads, else {@link CryptoProvider#JAVA}. */
    public static CryptoProvider auto() {
        return select(Choice.AUTO).provider();
    }
}
