package org.jracoon.setkey;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.jracoon.pfkey.KernelBackends;
import org.jracoon.pfkey.PfKeyClient;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.xfrm.XfrmSadb;

/**
 * Where setkey's requests go: the kernel through a {@link PfKeyClient}, through {@link XfrmSadb}
 * on a kernel without AF_KEY (the same replies, as af_key would give them), or a test's script.
 */
interface KernelChannel extends AutoCloseable {
    /**
     * One request and its reply.
     *
     * @throws org.jracoon.pfkey.PfKeyException when the kernel refuses it (with the errno) or does not answer
     */
    SadbMessage call(SadbMessage request) throws IOException;

    /** A DUMP or X_SPDDUMP: every entry, none for an empty database. */
    List<SadbMessage> dump(SadbMessage request) throws IOException;

    /** Releases the way to the kernel; a test's script has nothing to release. */
    @Override
    default void close() {
    }

    static KernelChannel of(PfKeyClient client) {
        return of(client::call, client::dump, client::close);
    }

    static KernelChannel of(XfrmSadb xfrm) {
        return of(xfrm::call, xfrm::dump, xfrm::close);
    }

    /** One request and what comes back for it. */
    @FunctionalInterface
    interface Exchange<R> {
        R apply(SadbMessage request) throws IOException;
    }

    private static KernelChannel of(Exchange<SadbMessage> call, Exchange<List<SadbMessage>> dump, Runnable close) {
        return new KernelChannel() {
            @Override
            public SadbMessage call(SadbMessage request) throws IOException {
                return call.apply(request);
            }

            @Override
            public List<SadbMessage> dump(SadbMessage request) throws IOException {
                return dump.apply(request);
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    /** The backend chosen by {@code --kernel} (empty: PF_KEY when the kernel has AF_KEY, else XFRM). */
    static KernelChannel open(Optional<KernelBackends.Backend> choice) throws IOException {
        return KernelBackends.open(choice, () -> of(PfKeyClient.open()), () -> of(XfrmSadb.open()));
    }
}
