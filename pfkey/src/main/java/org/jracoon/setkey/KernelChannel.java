package org.jracoon.setkey;

import java.io.IOException;
import java.util.List;

import org.jracoon.pfkey.PfKeyClient;
import org.jracoon.pfkey.message.SadbMessage;

/** Where setkey's requests go: the kernel through a {@link PfKeyClient}, or a test's script. */
interface KernelChannel {
    /**
     * One request and its reply.
     *
     * @throws org.jracoon.pfkey.PfKeyException when the kernel refuses it (with the errno) or does not answer
     */
    SadbMessage call(SadbMessage request) throws IOException;

    /** A DUMP or X_SPDDUMP: every entry, none for an empty database. */
    List<SadbMessage> dump(SadbMessage request) throws IOException;

    static KernelChannel of(PfKeyClient client) {
        return new KernelChannel() {
            @Override
            public SadbMessage call(SadbMessage request) throws IOException {
                return client.call(request);
            }

            @Override
            public List<SadbMessage> dump(SadbMessage request) throws IOException {
                return client.dump(request);
            }
        };
    }
}
