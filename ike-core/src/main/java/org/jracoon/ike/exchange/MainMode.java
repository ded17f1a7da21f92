package org.jracoon.ike.exchange;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.crypto.CbcCipher;
import org.jracoon.ike.crypto.DhKeyPair;
import org.jracoon.ike.crypto.Prf;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.keymat.IsakmpKeys;
import org.jracoon.ike.keymat.MessageProtection;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.message.MessageRules;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.KePayload;
import org.jracoon.ike.payload.NoncePayload;
import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.ProposalPayload;
import org.jracoon.ike.payload.SaPayload;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.ike.sa.IsakmpSa;
import org.jracoon.ike.sa.IsakmpSa.State;
import org.jracoon.ike.sa.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Main Mode (identity protection, RFC 2409 section 5) for both roles:
 * <pre>
 *   MM1 SA ->            <- MM2 SA            proposal chosen by proposal_check
 *   MM3 KE, Ni ->        <- MM4 KE, Nr        SKEYID, SKEYID_d/a/e, Ka, IV
 *   MM5 *IDii, HASH_I -> <- MM6 *IDir, HASH_R  (* encrypted)
 * </pre>
 * The ISAKMP SA's state names the message awaited next; {@link Step} names the message to
 * build next. The authentication method's part is a {@link Phase1Authenticator}; vendor IDs
 * and NAT discovery ride along as {@link MainModeTask}s.
 */
final class MainMode implements Exchange {

    private static final Logger LOG = LoggerFactory.getLogger("ike.ike");
    private static final Logger ENC = LoggerFactory.getLogger("ike.enc");

    /** The message this side sends next, if any. */
    private enum Step {
        MM1, MM2, MM3, MM4, MM5, MM6
    }

    private final IsakmpSa sa;
    private final Services services;
    private final RemotePolicy policy;
    private final List<MainModeTask> tasks;
    private Step pending;
    private Phase1Authenticator authenticator;
    private byte[] saiB;
    private SaPayload chosenSa;
    private DhKeyPair dh;
    private byte[] gxi;
    private byte[] gxr;
    private byte[] niB;
    private byte[] nrB;
    private boolean peerInitialContact;

    private MainMode(IsakmpSa sa, Services services, Step first) {
        this.sa = sa;
        this.services = services;
        this.policy = sa.policy();
        this.tasks = List.of(new VendorIds(sa), new NatDiscovery(sa));
        this.pending = first;
    }

    /** The initiator's Main Mode: {@link #build()} gives MM1. */
    static MainMode initiator(IsakmpSa sa, Services services) {
        return new MainMode(sa, services, Step.MM1);
    }

    /** The responder's Main Mode: it waits for MM1. */
    static MainMode responder(IsakmpSa sa, Services services) {
        return new MainMode(sa, services, null);
    }

    @Override
    public int messageId() {
        return 0;
    }

    @Override
    public MessageRules expected() {
        boolean initiator = sa.role() == Role.INITIATOR;
        return switch (sa.state()) {
            case MM_SA -> initiator ? MessageRules.MM2 : MessageRules.MM1;
            case MM_KE -> initiator ? MessageRules.MM4 : MessageRules.MM3;
            case MM_AUTH, ESTABLISHED, DEAD -> initiator ? MessageRules.MM6 : MessageRules.MM5;
        };
    }

    @Override
    public boolean done() {
        return sa.established() && pending == null;
    }

    /** Whether the peer's MM5/MM6 carried INITIAL-CONTACT (RFC 2407 section 4.6.3.3). */
    boolean peerInitialContact() {
        return peerInitialContact;
    }

    @Override
    public void process(Inbound in) throws IsakmpProtocolException {
        IsakmpMessage m = in.message();
        boolean initiator = sa.role() == Role.INITIATOR;
        int number = switch (sa.state()) {
            case MM_SA -> 1;
            case MM_KE -> 3;
            default -> 5;
        } + (initiator ? 1 : 0);
        switch (sa.state()) {
            case MM_SA -> {
                SaPayload offered = m.first(SaPayload.class).orElseThrow();
                if (initiator) {
                    sa.responderCookie(m.header().responderCookie());
                    sa.proposal(Phase1Proposals.accept(offered, policy.proposals()));
                    pending = Step.MM3;
                } else {
                    Phase1Proposals.Choice choice = Phase1Proposals.choose(offered, policy.proposals(),
                            policy.proposalCheck());
                    saiB = offered.encodeBody();
                    sa.proposal(choice.proposal());
                    ProposalPayload proposal = offered.proposals().get(0);
                    chosenSa = new SaPayload(offered.doi(), offered.situation(), List.of(new ProposalPayload(
                            proposal.number(), proposal.protocolId(), proposal.spi(), List.of(choice.transform()))));
                    pending = Step.MM2;
                }
                LOG.info("{} phase-1 proposal {}", sa.cookies(), sa.proposal().orElseThrow());
                authenticator = services.authenticators().create(sa.proposal().orElseThrow().authMethod(),
                        sa.remote().getAddress());
                sa.state(State.MM_KE);
            }
            case MM_KE -> {
                byte[] peerKe = m.first(KePayload.class).orElseThrow().data().toByteArray();
                byte[] peerNonce = m.first(NoncePayload.class).orElseThrow().data().toByteArray();
                checkKeLength(peerKe);
                for (String remark : authenticator.peerKeyExchange(m)) {
                    LOG.info("{} {}", sa.cookies(), remark);
                }
                if (initiator) {
                    gxr = peerKe;
                    nrB = peerNonce;
                    deriveKeys();
                    pending = Step.MM5;
                } else {
                    gxi = peerKe;
                    niB = peerNonce;
                    dh = services.dhKeyPair(sa.proposal().orElseThrow().group());
                    gxr = dh.publicValue();
                    nrB = services.random().bytes(policy.nonceSize());
                    deriveKeys();
                    pending = Step.MM4;
                }
                sa.state(State.MM_AUTH);
            }
            case MM_AUTH -> {
                IdPayload id = m.first(IdPayload.class).orElseThrow();
                IsakmpKeys keys = sa.keys().orElseThrow();
                byte[] expected = initiator ? keys.hashR(gxi, gxr, cookie(true), cookie(false), saiB, id.encodeBody())
                        : keys.hashI(gxi, gxr, cookie(true), cookie(false), saiB, id.encodeBody());
                authenticator.verify(in, expected);
                if (policy.peersIdentifier().isPresent()
                        && !policy.peersIdentifier().get().matches(id, sa.remote().getAddress())) {
                    throw new IsakmpProtocolException(NotifyType.INVALID_ID_INFORMATION, "peer's identity "
                            + Ids.describe(id) + " is not " + policy.peersIdentifier().get());
                }
                for (NotifyPayload n : m.payloads(NotifyPayload.class)) {
                    if (n.notifyType() == NotifyType.INITIAL_CONTACT) {
                        peerInitialContact = true;
                    } else {
                        LOG.info("{} {} carried {}", sa.cookies(), initiator ? "MM6" : "MM5", n);
                    }
                }
                sa.peerId(Ids.describe(id));
                LOG.info("{} peer authenticated as {}", sa.cookies(), sa.peerId());
                sa.established(services.clock().instant());
                pending = initiator ? null : Step.MM6;
            }
            default -> throw new IllegalStateException("Main Mode message in state " + sa.state());
        }
        for (MainModeTask task : tasks) {
            task.process(number, m);
        }
    }

    @Override
    public Optional<IsakmpMessage> build() {
        if (pending == null) {
            return Optional.empty();
        }
        Step step = pending;
        pending = null;
        List<Payload> payloads = new ArrayList<>();
        int flags = 0;
        switch (step) {
            case MM1 -> {
                SaPayload offer = Phase1Proposals.offer(policy.proposals());
                saiB = offer.encodeBody();
                payloads.add(offer);
            }
            case MM2 -> payloads.add(chosenSa);
            case MM3 -> {
                dh = services.dhKeyPair(sa.proposal().orElseThrow().group());
                gxi = dh.publicValue();
                niB = services.random().bytes(policy.nonceSize());
                payloads.add(new KePayload(Octets.of(gxi)));
                payloads.add(new NoncePayload(Octets.of(niB)));
                payloads.addAll(authenticator.keyExchangePayloads());
            }
            case MM4 -> {
                payloads.add(new KePayload(Octets.of(gxr)));
                payloads.add(new NoncePayload(Octets.of(nrB)));
                payloads.addAll(authenticator.keyExchangePayloads());
            }
            case MM5, MM6 -> {
                IdPayload id = authenticator.ownIdentity()
                        .orElseGet(() -> policy.myIdentifier().payload(sa.local().getAddress()));
                IsakmpKeys keys = sa.keys().orElseThrow();
                byte[] idB = id.encodeBody();
                byte[] hash = step == Step.MM5 ? keys.hashI(gxi, gxr, cookie(true), cookie(false), saiB, idB)
                        : keys.hashR(gxi, gxr, cookie(true), cookie(false), saiB, idB);
                payloads.add(id);
                payloads.addAll(authenticator.proof(hash));
                flags = IsakmpHeader.FLAG_ENCRYPTION;
            }
        }
        for (MainModeTask task : tasks) {
            payloads.addAll(task.build(step.ordinal() + 1));
        }
        IsakmpHeader header = IsakmpHeader.of(sa.cookies().initiator(), sa.cookies().responder(),
                ExchangeType.IDENTITY_PROTECTION, flags, 0);
        return Optional.of(new IsakmpMessage(header, payloads));
    }

    /** RFC 2409 section 5: g^x travels padded to the prime's length, so any other length is bad. */
    private void checkKeLength(byte[] ke) throws IsakmpProtocolException {
        int length = sa.proposal().orElseThrow().group().valueLength();
        if (ke.length != length) {
            throw new IsakmpProtocolException(NotifyType.INVALID_KEY_INFORMATION, "KE of " + ke.length
                    + " bytes for a " + length + "-byte group");
        }
    }

    /** SKEYID and its family, Ka and the phase-1 IV, once both halves and nonces are known. */
    private void deriveKeys() {
        Phase1Proposal p = sa.proposal().orElseThrow();
        Secret gxy = dh.agree(sa.role() == Role.INITIATOR ? gxr : gxi);
        Prf prf = p.hash().hmac();
        Secret skeyid = authenticator.skeyid(prf, niB, nrB, gxy);
        CbcCipher cipher = p.encryption().cipher(p.keyBits());
        IsakmpKeys keys = IsakmpKeys.derive(prf, skeyid, gxy, cookie(true), cookie(false), cipher.keyLength());
        MessageProtection protection = MessageProtection.forIsakmpSa(cipher, keys.encryptionKey(), p.hash(), gxi,
                gxr, services.padding(), services.random());
        sa.keyed(keys, protection);
        LOG.debug("{} keys derived ({})", sa.cookies(), keys);
        if (ENC.isTraceEnabled()) {
            HexFormat hex = HexFormat.of();
            ENC.trace("{} SKEYID {} SKEYID_d {} SKEYID_a {} SKEYID_e {} Ka {}", sa.cookies(),
                    hex.formatHex(keys.skeyid().extract()), hex.formatHex(keys.skeyidD().extract()),
                    hex.formatHex(keys.skeyidA().extract()), hex.formatHex(keys.skeyidE().extract()),
                    hex.formatHex(keys.encryptionKey().extract()));
        }
    }

    private byte[] cookie(boolean initiator) {
        long value = initiator ? sa.cookies().initiator() : sa.cookies().responder();
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
