package org.jracoon.setkey;

import java.io.IOException;
import java.util.List;

import org.jracoon.pfkey.message.SadbMessage;

/** Where setkey's requests go: one request, the kernel's replies to it (several for a dump). */
interface KernelChannel {
    List<KernelReply> exchange(SadbMessage request) throws IOException;
}
