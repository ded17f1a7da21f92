package org.jracoon.crypto.openssl;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The few functions of OpenSSL 3's libcrypto this module calls. JNA direct mapping (static
 * native methods bound once) rather than an interface proxy: a proxy call goes through
 * reflection and costs microseconds, several of which per modular exponentiation would eat
 * into what libcrypto saves. Binding fails at class initialisation when the library or any of
 * these symbols is missing, so a usable class means every function is there.
 *
 * <p>Pointers to OpenSSL objects are {@link Pointer}s; {@code size_t} is a Java {@code long},
 * right on the 64-bit Linux this runs on.
 */
final class LibCrypto {

    /** The soname of OpenSSL 3's libcrypto: the versioned name, present without the -dev package. */
    static final String LIBRARY = "libcrypto.so.3";

    static {
        Native.register(LibCrypto.class, NativeLibrary.getInstance(LIBRARY));
    }

    /** OPENSSL_VERSION for {@link #OpenSSL_version}: the "OpenSSL 3.0.19 27 Jan 2026" text. */
    static final int OPENSSL_VERSION = 0;
    /** RSA_PKCS1_PADDING: block type 1 for a private-key operation, as RSA_private_encrypt pads. */
    static final int RSA_PKCS1_PADDING = 1;
    /** EVP_PKEY_RSA, the NID of rsaEncryption. */
    static final int EVP_PKEY_RSA = 6;

    private LibCrypto() {
    }

    static native long OpenSSL_version_num();

    static native String OpenSSL_version(int type);

    // big numbers (BN_new(3), BN_bin2bn(3), BN_mod_exp_mont_consttime in BN_mod_exp_mont(3))

    static native Pointer BN_new();

    static native Pointer BN_bin2bn(byte[] s, int len, Pointer ret);

    static native int BN_bn2binpad(Pointer a, byte[] to, int tolen);

    static native void BN_free(Pointer a);

    static native void BN_clear_free(Pointer a);

    static native Pointer BN_CTX_new();

    static native void BN_CTX_free(Pointer ctx);

    static native Pointer BN_MONT_CTX_new();

    static native void BN_MONT_CTX_free(Pointer mont);

    static native int BN_MONT_CTX_set(Pointer mont, Pointer mod, Pointer ctx);

    static native int BN_mod_exp_mont_consttime(Pointer rr, Pointer a, Pointer p, Pointer m, Pointer ctx,
            Pointer mont);

    // keys and signatures (d2i_PrivateKey(3), EVP_PKEY_sign(3))

    static native Pointer d2i_AutoPrivateKey(Pointer a, PointerByReference pp, long length);

    static native void EVP_PKEY_free(Pointer pkey);

    static native int EVP_PKEY_get_base_id(Pointer pkey);

    static native int EVP_PKEY_get_size(Pointer pkey);

    static native Pointer EVP_PKEY_CTX_new(Pointer pkey, Pointer engine);

    static native void EVP_PKEY_CTX_free(Pointer ctx);

    static native int EVP_PKEY_sign_init(Pointer ctx);

    static native int EVP_PKEY_CTX_set_rsa_padding(Pointer ctx, int pad);

    static native int EVP_PKEY_sign(Pointer ctx, byte[] sig, long[] siglen, byte[] tbs, long tbslen);

    // errors (ERR_get_error(3)): the reason of the last failure, for the one line we report

    static native long ERR_get_error();

    static native void ERR_error_string_n(long e, byte[] buf, long len);

    static native void ERR_clear_error();
}
