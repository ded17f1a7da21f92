package org.jracoon.pfkey;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;

/**
 * For kernel tests of PF_KEY itself: they are skipped, not failed, on a kernel without AF_KEY
 * (the XFRM pass runs every kernel test with af_key unloaded).
 */
public final class AfKey {
    private AfKey() {
    }

    public static <T> T openOrSkip(KernelBackends.Opener<T> opener) {
        try {
            return opener.open();
        } catch (IOException e) {
            assumeTrue(false, "no PF_KEY in this kernel (af_key unloaded?): " + e.getMessage());
            throw new IllegalStateException("unreachable: the assumption above aborts the test");
        }
    }
}
