package org.jracoon.parser.conf;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The algorithm vocabularies of racoon.conf, with the key-length rules of racoon's algorithm.c:
 * an algorithm with a default key length takes an optional length in a range, one without
 * refuses any ("keylen not allowed"). DH groups carry their IANA number (RFC 2409 / RFC 3526).
 */
public final class Algorithms {

    private Algorithms() {
    }

    /** Key-length rule: default 0 means the algorithm has a fixed key and takes no length. */
    record KeyLength(int defaultBits, int min, int max, int[] only) {
        static final KeyLength FIXED = new KeyLength(0, 0, 0, null);

        static KeyLength range(int defaultBits, int min, int max) {
            return new KeyLength(defaultBits, min, max, null);
        }

        static KeyLength oneOf(int defaultBits, int... only) {
            return new KeyLength(defaultBits, 0, 0, only);
        }

        /** The effective length for a written one (0 = none written), or a message why it is wrong. */
        int resolve(int written, String name) {
            if (defaultBits == 0) {
                if (written != 0) {
                    throw new IllegalArgumentException("'" + name + "' has a fixed key length: remove the key length " + written);
                }
                return 0;
            }
            if (written == 0) {
                return defaultBits;
            }
            boolean ok = only != null ? Arrays.stream(only).anyMatch(b -> b == written) : written >= min && written <= max;
            if (!ok) {
                String allowed = only != null
                        ? Arrays.stream(only).mapToObj(Integer::toString).collect(Collectors.joining(", "))
                        : min + " to " + max;
                throw new IllegalArgumentException("invalid key length " + written + " for '" + name + "' (allowed: " + allowed + ")");
            }
            return written;
        }
    }

    private static final KeyLength AES_LIKE = KeyLength.oneOf(128, 128, 192, 256);

    /** Phase-1 (ISAKMP SA) ciphers, OAKLEY_ATTR_ENC_ALG_*. */
    public enum Phase1Cipher implements Keyword {
        DES("des", KeyLength.FIXED), TRIPLE_DES("3des", KeyLength.FIXED), BLOWFISH("blowfish", KeyLength.range(448, 40, 448)),
        CAST128("cast128", KeyLength.range(128, 40, 128)), AES("aes", AES_LIKE, "rijndael"),
        CAMELLIA("camellia", AES_LIKE), IDEA("idea", KeyLength.FIXED), RC5("rc5", KeyLength.range(128, 40, 2040));

        private final String keyword;
        final KeyLength keyLength;
        private final String[] aliases;

        Phase1Cipher(String keyword, KeyLength keyLength, String... aliases) {
            this.keyword = keyword;
            this.keyLength = keyLength;
            this.aliases = aliases;
        }

        @Override
        public String keyword() {
            return keyword;
        }

        @Override
        public String[] aliases() {
            return aliases.clone();
        }
    }

    /** Phase-1 hash (OAKLEY_ATTR_HASH_ALG_*). */
    public enum Hash implements Keyword {
        MD5("md5"), SHA1("sha1"), SHA256("sha256", "sha2_256"), SHA384("sha384", "sha2_384"), SHA512("sha512", "sha2_512");

        private final String keyword;
        private final String[] aliases;

        Hash(String keyword, String... aliases) {
            this.keyword = keyword;
            this.aliases = aliases;
        }

        @Override
        public String keyword() {
            return keyword;
        }

        @Override
        public String[] aliases() {
            return aliases.clone();
        }
    }

    /** Phase-1 authentication method (OAKLEY_ATTR_AUTH_METHOD_*, hybrid/xauth from draft-ietf-ipsec-isakmp-xauth). */
    public enum AuthMethod implements Keyword {
        PRE_SHARED_KEY("pre_shared_key"), RSASIG("rsasig"), DSSSIG("dsssig"), RSAENC("rsaenc"), RSAREV("rsarev"),
        GSSAPI_KRB("gssapi_krb"), HYBRID_RSA_SERVER("hybrid_rsa_server"), HYBRID_RSA_CLIENT("hybrid_rsa_client"),
        HYBRID_DSS_SERVER("hybrid_dss_server"), HYBRID_DSS_CLIENT("hybrid_dss_client"),
        XAUTH_PSK_SERVER("xauth_psk_server"), XAUTH_PSK_CLIENT("xauth_psk_client"),
        XAUTH_RSA_SERVER("xauth_rsa_server"), XAUTH_RSA_CLIENT("xauth_rsa_client"),
        XAUTH_DSS_SERVER("xauth_dss_server"), XAUTH_DSS_CLIENT("xauth_dss_client");

        private final String keyword;

        AuthMethod(String keyword) {
            this.keyword = keyword;
        }

        @Override
        public String keyword() {
            return keyword;
        }

        /** True for methods that authenticate with a pre-shared key from psk.txt. */
        public boolean usesPreSharedKey() {
            return this == PRE_SHARED_KEY || this == XAUTH_PSK_SERVER || this == XAUTH_PSK_CLIENT;
        }
    }

    /** Diffie-Hellman groups with their IANA numbers (racoon's num2dhgroup table). */
    public enum DhGroup implements Keyword {
        MODP768(1, "modp768"), MODP1024(2, "modp1024"), EC2N155(3, null), EC2N185(4, null), MODP1536(5, "modp1536"),
        MODP2048(14, "modp2048"), MODP3072(15, "modp3072"), MODP4096(16, "modp4096"), MODP6144(17, "modp6144"),
        MODP8192(18, "modp8192");

        private final int number;
        private final String name;

        DhGroup(int number, String name) {
            this.number = number;
            this.name = name;
        }

        public int number() {
            return number;
        }

        /** The name racoon accepts, or the number for the EC2N groups, which have no keyword. */
        @Override
        public String keyword() {
            return name != null ? name : Integer.toString(number);
        }

        public static Optional<DhGroup> byNumber(long number) {
            return Arrays.stream(values()).filter(g -> g.number == number).findFirst();
        }
    }

    /** Phase-2 (IPsec SA) ciphers, IPSECDOI_ESP_*. */
    public enum IpsecCipher implements Keyword {
        DES("des", KeyLength.FIXED), TRIPLE_DES("3des", KeyLength.FIXED), DES_IV64("des_iv64", KeyLength.FIXED),
        DES_IV32("des_iv32", KeyLength.FIXED), RC5("rc5", KeyLength.range(128, 40, 2040)), RC4("rc4", KeyLength.range(128, 40, 2048)),
        IDEA("idea", KeyLength.FIXED), TRIPLE_IDEA("3idea", KeyLength.FIXED), CAST128("cast128", KeyLength.range(128, 40, 128)),
        BLOWFISH("blowfish", KeyLength.range(448, 40, 448)), NULL("null_enc", KeyLength.FIXED),
        TWOFISH("twofish", KeyLength.range(128, 0, 256)), AES("aes", AES_LIKE, "rijndael"), CAMELLIA("camellia", AES_LIKE);

        private final String keyword;
        final KeyLength keyLength;
        private final String[] aliases;

        IpsecCipher(String keyword, KeyLength keyLength, String... aliases) {
            this.keyword = keyword;
            this.keyLength = keyLength;
            this.aliases = aliases;
        }

        @Override
        public String keyword() {
            return keyword;
        }

        @Override
        public String[] aliases() {
            return aliases.clone();
        }
    }

    /** Phase-2 integrity algorithms (IPSECDOI_ATTR_AUTH_*). */
    public enum IpsecAuth implements Keyword {
        HMAC_MD5("hmac_md5"), HMAC_SHA1("hmac_sha1"), HMAC_SHA256("hmac_sha256", "hmac_sha2_256"),
        HMAC_SHA384("hmac_sha384", "hmac_sha2_384"), HMAC_SHA512("hmac_sha512", "hmac_sha2_512"), NON_AUTH("non_auth");

        private final String keyword;
        private final String[] aliases;

        IpsecAuth(String keyword, String... aliases) {
            this.keyword = keyword;
            this.aliases = aliases;
        }

        @Override
        public String keyword() {
            return keyword;
        }

        @Override
        public String[] aliases() {
            return aliases.clone();
        }
    }

    /** IPComp algorithms (IPSECDOI_IPCOMP_*). */
    public enum Compression implements Keyword {
        DEFLATE("deflate"), LZS("lzs"), OUI("oui");

        private final String keyword;

        Compression(String keyword) {
            this.keyword = keyword;
        }

        @Override
        public String keyword() {
            return keyword;
        }
    }

    /** Names of every constant of a vocabulary, for "expected one of" messages. */
    static <E extends Enum<E> & Keyword> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keyword::keyword).collect(Collectors.joining(", "));
    }
}
