package org.jracoon.ike.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.jracoon.ike.payload.HashPayload;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.KePayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.VendorIdPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MessageRulesTest {

    private static IsakmpMessage kat(int packet) throws Exception {
        byte[] datagram = SharedFiles.katPackets().get(packet - 1);
        IsakmpHeader header = IsakmpMessage.decodeHeader(datagram);
        if (!header.encrypted()) {
            return IsakmpMessage.decode(datagram);
        }
        String[] plaintext = {"mm5_plaintext_with_padding", "mm6_plaintext_with_padding", "qm1_plaintext",
            "qm2_plaintext", "qm3_plaintext"};
        return IsakmpMessage.decodeBody(header, SharedFiles.katHex(plaintext[packet - 5]));
    }

    private static void expect(int notify, Executable check) {
        IsakmpProtocolException e = assertThrows(IsakmpProtocolException.class, check);
        assertEquals(NotifyType.name(notify), NotifyType.name(e.notifyType()), e.getMessage());
    }

    @Test
    void everyRecordedMessagePassesItsRules() throws Exception {
        List<MessageRules> rules = List.of(MessageRules.MM1, MessageRules.MM2, MessageRules.MM3, MessageRules.MM4,
                MessageRules.MM5, MessageRules.MM6, MessageRules.QM1, MessageRules.QM2, MessageRules.QM3);
        for (int i = 0; i < rules.size(); i++) {
            rules.get(i).check(kat(i + 1));
        }
    }

    @Test
    void messagesOfOtherStepsAreRefused() throws Exception {
        expect(NotifyType.INVALID_PAYLOAD_TYPE, () -> MessageRules.MM3.check(kat(1))); // SA not allowed
        expect(NotifyType.PAYLOAD_MALFORMED, () -> MessageRules.MM3.check(
                new IsakmpMessage(kat(1).header(), kat(1).payloads().subList(1, 2)))); // no KE, no nonce
        expect(NotifyType.INVALID_PAYLOAD_TYPE, () -> MessageRules.MM1.check(kat(3))); // KE not allowed
        expect(NotifyType.INVALID_EXCHANGE_TYPE, () -> MessageRules.QM1.check(kat(1)));
        expect(NotifyType.INVALID_PAYLOAD_TYPE, () -> MessageRules.QM3.check(kat(7)));
        expect(NotifyType.INVALID_EXCHANGE_TYPE, () -> MessageRules.INFORMATIONAL_PROTECTED.check(kat(9)));
    }

    @Test
    void protectedPayloadsSentInTheClearAreRefused() throws Exception {
        IsakmpMessage mm5 = kat(5);
        IsakmpMessage clear = new IsakmpMessage(mm5.header().withFlags(0), mm5.payloads());
        expect(NotifyType.INVALID_FLAGS, () -> MessageRules.MM5.check(clear));
        IsakmpMessage qm1 = kat(7);
        expect(NotifyType.INVALID_FLAGS, () -> MessageRules.QM1.check(
                new IsakmpMessage(qm1.header().withFlags(0), qm1.payloads())));
    }

    @Test
    void quickModeMustStartWithTheHash() throws Exception {
        IsakmpMessage qm1 = kat(7);
        List<Payload> reordered = new ArrayList<>(qm1.payloads());
        reordered.add(reordered.remove(0));
        expect(NotifyType.PAYLOAD_MALFORMED, () -> MessageRules.QM1.check(new IsakmpMessage(qm1.header(), reordered)));
    }

    @Test
    void surplusAndRepeatedPayloadsAreRefused() throws Exception {
        IsakmpMessage mm3 = kat(3);
        List<Payload> twoKe = new ArrayList<>(mm3.payloads());
        twoKe.add(new KePayload(Octets.of((byte) 1)));
        expect(NotifyType.PAYLOAD_MALFORMED, () -> MessageRules.MM3.check(new IsakmpMessage(mm3.header(), twoKe)));

        IsakmpMessage mm1 = kat(1);
        List<Payload> vids = new ArrayList<>(mm1.payloads());
        while (vids.size() < 25) {
            vids.add(VendorIdPayload.DPD);
        }
        // more vendor IDs than the cap can only come from a locally built message
        expect(NotifyType.PAYLOAD_MALFORMED, () -> MessageRules.MM1.check(new IsakmpMessage(mm1.header(), vids)));
    }

    @Test
    void informationalRulesFollowTheProtection() throws Exception {
        IsakmpMessage clear = BuiltMessages.informational(); // N, D, D in the clear
        assertEquals(MessageRules.INFORMATIONAL_UNPROTECTED, MessageRules.informational(clear.header()));
        expect(NotifyType.INVALID_PAYLOAD_TYPE, () -> MessageRules.informational(clear.header()).check(clear));
        IsakmpMessage notifyOnly = new IsakmpMessage(clear.header(), clear.payloads().subList(0, 1));
        MessageRules.informational(notifyOnly.header()).check(notifyOnly);

        IsakmpHeader encrypted = clear.header().withFlags(IsakmpHeader.FLAG_ENCRYPTION);
        assertEquals(MessageRules.INFORMATIONAL_PROTECTED, MessageRules.informational(encrypted));
        expect(NotifyType.PAYLOAD_MALFORMED, () -> MessageRules.INFORMATIONAL_PROTECTED.check(
                new IsakmpMessage(encrypted, clear.payloads()))); // no HASH(1) first
        List<Payload> hashed = new ArrayList<>(clear.payloads());
        hashed.add(0, new HashPayload(Octets.fromHex("00112233445566778899aabbccddeeff00112233")));
        MessageRules.INFORMATIONAL_PROTECTED.check(new IsakmpMessage(encrypted, hashed));
        expect(NotifyType.INVALID_FLAGS, () -> MessageRules.INFORMATIONAL_PROTECTED.check(
                new IsakmpMessage(clear.header(), hashed)));
    }
}
