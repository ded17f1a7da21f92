package org.jracoon.pfkey;

import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.xfrm.XfrmKernel;

import java.io.IOException;
import java.util.Locale;

/**
 * Opens the IPsec kernel backend: PF_KEY when the kernel has AF_KEY, XFRM netlink otherwise
 * (AF_KEY is optional in Linux and often left out), or the one named, for a command-line option.
 */
public final class KernelBackends {
    private KernelBackends() {
    }

    /** The backends by the names a command line uses. */
    public enum Backend {
        PFKEY, XFRM;

        public String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code pfkey} or {@code xfrm}, as an option value; anything else is one clear line. */
        public static Backend byName(String name) {
            for (Backend b : values()) {
                if (b.optionName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown kernel interface '" + name + "' (pfkey or xfrm)");
        }
    }

    /** How each backend is opened; tests replace them. */
    @FunctionalInterface
    public interface Opener {
        KernelIpsec open() throws IOException;
    }

    private static final Opener PFKEY = PfKeyKernel::open;
    private static final Opener XFRM = XfrmKernel::open;

    /** PF_KEY when a PF_KEY socket opens, else XFRM; when neither does, both reasons in one message. */
    public static KernelIpsec open() throws IOException {
        return open(PFKEY, XFRM);
    }

    public static KernelIpsec open(Backend backend) throws IOException {
        return (backend == Backend.PFKEY ? PFKEY : XFRM).open();
    }

    static KernelIpsec open(Opener pfkey, Opener xfrm) throws IOException {
        try {
            return pfkey.open();
        } catch (IOException noPfKey) {
            try {
                return xfrm.open();
            } catch (IOException noXfrm) {
                throw new IOException("no IPsec kernel interface: PF_KEY: " + noPfKey.getMessage()
                        + "; XFRM: " + noXfrm.getMessage(), noXfrm);
            }
        }
    }
}
