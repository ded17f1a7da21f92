package org.jracoon.crypto.openssl;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.EnumMap;
import java.util.Map;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.Signer;

/**
 * {@link CryptoProvider} over the machine's OpenSSL 3 libcrypto: BN_mod_exp_mont_consttime for
 * g^x and g^xy, with each group's prime and Montgomery context made once, and EVP_PKEY_sign for
 * RSA ({@link OpenSslRsaSigner}). Every call allocates and frees its own numbers and context, so
 * any thread may call at any time; only the per-group values are shared, and libcrypto only reads
 * them.
 */
public final class OpenSslCryptoProvider implements CryptoProvider {

    /** OpenSSL 3.0.0 in OpenSSL_version_num's 0xMNN00PP0L layout: the functions bound are 3.x API. */
    private static final long OPENSSL_3 = 0x3000_0000L;

    /** The one instance, made by the first successful {@link #load}. */
    private static OpenSslCryptoProvider loaded;

    /** The prime and its Montgomery context per group, made once and kept for the process. */
    private final Map<ModpGroup, Modulus> moduli = new EnumMap<>(ModpGroup.class);
    private final String version;

    private OpenSslCryptoProvider(String version) {
        this.version = version;
        for (ModpGroup group : ModpGroup.values()) {
            moduli.put(group, Modulus.of(group));
        }
    }

    /**
     * Loads libcrypto and checks that it is OpenSSL 3 or later, the first time; later calls return
     * the same provider, so the groups' native values exist once per process.
     *
     * @throws UnsupportedOperationException one line why not: no library, a symbol missing, an older version
     */
    public static synchronized OpenSslCryptoProvider load() {
        if (loaded != null) {
            return loaded;
        }
        try {
            long number = LibCrypto.OpenSSL_version_num();
            String version = LibCrypto.OpenSSL_version(LibCrypto.OPENSSL_VERSION);
            if (number < OPENSSL_3) {
                throw new UnsupportedOperationException(LibCrypto.LIBRARY + " is " + version + ", not OpenSSL 3");
            }
            loaded = new OpenSslCryptoProvider(version);
            return loaded;
        } catch (LinkageError | IllegalStateException e) {
            // UnsatisfiedLinkError, NoClassDefFoundError once LibCrypto's binding has failed, or a
            // library that cannot set up the groups' Montgomery contexts
            throw new UnsupportedOperationException(LibCrypto.LIBRARY + " not usable: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "openssl";
    }

    /** The library's own version text, e.g. "OpenSSL 3.0.19 27 Jan 2026". */
    public String version() {
        return version;
    }

    @Override
    public byte[] modPow(ModpGroup group, byte[] base, byte[] exponent) {
        Modulus modulus = moduli.get(group);
        Pointer ctx = null;
        Pointer a = null;
        Pointer x = null;
        Pointer r = null;
        try {
            ctx = check(LibCrypto.BN_CTX_new(), "BN_CTX_new");
            a = check(LibCrypto.BN_bin2bn(base, base.length, null), "BN_bin2bn");
            x = check(LibCrypto.BN_bin2bn(exponent, exponent.length, null), "BN_bin2bn");
            r = check(LibCrypto.BN_new(), "BN_new");
            check(LibCrypto.BN_mod_exp_mont_consttime(r, a, x, modulus.prime, ctx, modulus.montgomery),
                    "BN_mod_exp_mont_consttime");
            byte[] out = new byte[group.valueLength()];
            check(LibCrypto.BN_bn2binpad(r, out, out.length), "BN_bn2binpad");
            return out;
        } finally {
            // the exponent is a private value and the result may be g^xy: wiped before they are freed
            LibCrypto.BN_clear_free(r);
            LibCrypto.BN_clear_free(x);
            LibCrypto.BN_free(a);
            LibCrypto.BN_CTX_free(ctx);
        }
    }

    @Override
    public Signer rsaSigner(PrivateKey key) {
        return OpenSslRsaSigner.of(key);
    }

    @Override
    public String toString() {
        return "openssl (" + version + ")";
    }

    /** A group's prime as a BIGNUM and its Montgomery context; never freed, like the groups themselves. */
    private record Modulus(Pointer prime, Pointer montgomery) {

        static Modulus of(ModpGroup group) {
            byte[] p = group.prime();
            Pointer prime = null;
            Pointer montgomery = null;
            Pointer ctx = null;
            try {
                prime = check(LibCrypto.BN_bin2bn(p, p.length, null), "BN_bin2bn");
                ctx = check(LibCrypto.BN_CTX_new(), "BN_CTX_new");
                montgomery = check(LibCrypto.BN_MONT_CTX_new(), "BN_MONT_CTX_new");
                check(LibCrypto.BN_MONT_CTX_set(montgomery, prime, ctx), "BN_MONT_CTX_set");
                Modulus modulus = new Modulus(prime, montgomery);
                prime = null;
                montgomery = null;
                return modulus;
            } finally {
                // set only when the context could not be made
                LibCrypto.BN_MONT_CTX_free(montgomery);
                LibCrypto.BN_free(prime);
                LibCrypto.BN_CTX_free(ctx);
            }
        }
    }

    static Pointer check(Pointer result, String function) {
        if (result == null) {
            throw failure(function);
        }
        return result;
    }

    static int check(int result, String function) {
        if (result <= 0) {
            throw failure(function);
        }
        return result;
    }

    /** libcrypto failed where it should not (out of memory, a broken library): its reason, one line. */
    private static IllegalStateException failure(String function) {
        long code = LibCrypto.ERR_get_error();
        LibCrypto.ERR_clear_error();
        if (code == 0) {
            return new IllegalStateException("libcrypto " + function + " failed");
        }
        byte[] text = new byte[256];
        LibCrypto.ERR_error_string_n(code, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new IllegalStateException("libcrypto " + function + " failed: "
                + new String(text, 0, end, StandardCharsets.US_ASCII));
    }
}
