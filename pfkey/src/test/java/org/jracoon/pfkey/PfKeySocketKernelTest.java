package org.jracoon.pfkey;

import org.jracoon.pfkey.message.Sadb;
import org.jracoon.pfkey.message.SadbExtensionType;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.jracoon.pfkey.message.SupportedExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("kernel")
class PfKeySocketKernelTest {

    @Test
    void registerIsAnsweredWithTheKernelsAlgorithms() throws Exception {
        int pid = (int) ProcessHandle.current().pid();
        try (PfKeySocket socket = AfKey.openOrSkip(PfKeySocket::open)) {
            socket.send(SadbMessage.request(SadbMessageType.REGISTER, Sadb.SATYPE_ESP, List.of()).withSequence(77, pid));
            SadbMessage reply = socket.receive(5000).orElseThrow();
            assertEquals(SadbMessageType.REGISTER, reply.type());
            assertEquals(0, reply.errno());
            assertEquals(77, reply.sequence());
            assertEquals(pid, reply.pid());
            SupportedExtension enc = reply.extension(SadbExtensionType.SUPPORTED_ENCRYPT, SupportedExtension.class)
                    .orElseThrow();
            assertTrue(enc.algorithms().stream().anyMatch(a -> a.id() == Sadb.EALG_AESCBC), enc.toString());
        }
    }
}
