package org.jracoon.pfkey;

import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.xfrm.XfrmKernel;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

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

    /** The values of a {@code --kernel} option, for its help text. */
    public static final String OPTION_VALUES = "auto|pfkey|xfrm";

    /**
     * A {@code --kernel} option's value: {@code auto} (empty: decided by the kernel), {@code pfkey}
     * or {@code xfrm}; anything else is one clear line.
     */
    public static Optional<Backend> choice(String name) {
        if ("auto".equals(name.trim().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Backend.byName(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown kernel interface '" + name + "' (auto, pfkey or xfrm)");
        }
    }

    /** How each backend is opened: the port itself, or another channel such as setkey's. */
    @FunctionalInterface
    public interface Opener<T> {
        T open() throws IOException;
    }

    private static final Opener<KernelIpsec> PFKEY = PfKeyKernel::open;
    private static final Opener<KernelIpsec> XFRM = XfrmKernel::open;

    /** PF_KEY when a PF_KEY socket opens, else XFRM; when neither does, both reasons in one message. */
    public static KernelIpsec open() throws IOException {
        return open(Optional.empty(), PFKEY, XFRM);
    }

    public static KernelIpsec open(Backend backend) throws IOException {
        return open(Optional.of(backend));
    }

    /** The backend a {@code --kernel} option chose (empty: automatic). */
    public static KernelIpsec open(Optional<Backend> choice) throws IOException {
        return open(choice, PFKEY, XFRM);
    }

    /** The backend chosen (empty: PF_KEY when it opens, else XFRM), opened by its opener. */
    public static <T> T open(Optional<Backend> choice, Opener<? extends T> pfkey, Opener<? extends T> xfrm)
            throws IOException {
        if (choice.isPresent()) {
            return (choice.get() == Backend.PFKEY ? pfkey : xfrm).open();
        }
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
