package org.jracoon.daemon.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.netty.channel.EventLoop;
import org.jracoon.daemon.net.ReadBurstClock;
import org.jracoon.daemon.net.UdpTransport;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.DhKeyPool;
import org.jracoon.ike.crypto.SecureRandomSource;
import org.jracoon.ike.engine.Datagram;
import org.jracoon.ike.engine.EngineEvent;
import org.jracoon.ike.engine.EngineSink;
import org.jracoon.ike.engine.EngineTimer;
import org.jracoon.ike.engine.IkeEngine;
import org.jracoon.ike.engine.Limits;
import org.jracoon.ike.engine.SaRequest;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.KernelException;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.sa.IpsecSa;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running negotiator: the IKE sockets, the kernel and the engine, wired so that the engine
 * only ever runs on the transport's event loop. Datagrams arrive there already; timers are
 * scheduled there; kernel events come from the PF_KEY reader thread and are handed over with
 * {@link EventLoop#execute}.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger IKE = LoggerFactory.getLogger("ike.ike");
    private static final Logger KNL = LoggerFactory.getLogger("ike.knl");

    /**
     * What the daemon runs with.
     *
     * @param dryRunOut where a dry run prints the SAs it would install; null for a real kernel
     * @param scripts the remotes' phase1_up/down/dead scripts
     */
    public record Settings(Policies policies, Authenticators authenticators, Padding padding,
            List<UdpTransport.Endpoint> listen, PrintStream dryRunOut, ScriptHooks scripts) {
    }

    /** DH key pairs kept ready per group: about a second's worth of Main Modes at full load. */
    private static final int DH_KEYS_READY = 256;

    private final KernelIpsec kernel;
    private final PrintStream dryRunOut;
    private DhKeyPool dhKeys;
    /** Read and replaced on the event loop only, like the engine's configuration. */
    private ScriptHooks scripts;
    private final Map<EngineTimer, ScheduledFuture<?>> timers = new HashMap<>();
    private final List<Consumer<EngineEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private UdpTransport transport;
    private EventLoop loop;
    private IkeEngine engine;
    private Set<InetAddress> listening;

    private Daemon(KernelIpsec kernel, PrintStream dryRunOut, ScriptHooks scripts) {
        this.kernel = kernel;
        this.dryRunOut = dryRunOut;
        this.scripts = scripts;
    }

    /** As {@link #start(KernelIpsec, Settings, CryptoProvider)} with {@link CryptoProvider#JAVA}. */
    public static Daemon start(KernelIpsec kernel, Settings settings) throws IOException {
        return start(kernel, settings, CryptoProvider.JAVA);
    }

    /**
     * Opens the kernel channel (asking for ESP and AH ACQUIREs), then the sockets.
     *
     * @param crypto computes the DH values of every negotiation
     * @throws IOException one line: no AF_KEY, a socket that cannot be bound, a refused REGISTER
     */
    public static Daemon start(KernelIpsec kernel, Settings settings, CryptoProvider crypto) throws IOException {
        return start(kernel, settings, crypto, Limits.DEFAULT);
    }

    /** As {@link #start(KernelIpsec, Settings, CryptoProvider)}, the engine under {@code limits} (racoon's --limit). */
    public static Daemon start(KernelIpsec kernel, Settings settings, CryptoProvider crypto, Limits limits)
            throws IOException {
        Daemon daemon = new Daemon(kernel, settings.dryRunOut(), settings.scripts());
        try {
            daemon.open(settings, crypto, limits);
        } catch (IOException | RuntimeException e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    private void open(Settings settings, CryptoProvider crypto, Limits limits) throws IOException {
        try {
            kernel.register(IpsecProtocol.ESP);
            kernel.register(IpsecProtocol.AH);
        } catch (KernelException e) {
            throw new IOException(e.getMessage(), e);
        }
        dhKeys = new DhKeyPool(DH_KEYS_READY, new SecureRandomSource(), crypto);
        ReadBurstClock clock = new ReadBurstClock(InstantSource.system());
        engine = new IkeEngine(settings.policies(), settings.authenticators(), kernel, new SecureRandomSource(),
                dhKeys, clock, settings.padding(), new Sink(), limits);
        // the loop before the sockets: a datagram may arrive as soon as the first one is bound,
        // and the engine arms its timers on the loop while it answers
        transport = UdpTransport.create();
        loop = transport.eventLoop();
        transport.bind(settings.listen(), d -> engine.receive(d), clock);
        listening = transport.localAddresses().stream().map(InetSocketAddress::getAddress)
                .collect(Collectors.toUnmodifiableSet());
        kernel.addListener(event -> loop.execute(() -> onKernelEvent(event)));
    }

    /** The addresses the sockets are bound to, with their ports. */
    public List<InetSocketAddress> localAddresses() {
        return transport.localAddresses();
    }

    private void onKernelEvent(KernelEvent event) {
        if (event instanceof KernelEvent.Acquire acquire) {
            acquire(acquire);
        } else if (event instanceof KernelEvent.Expire expire) {
            engine.expire(expire);
        }
    }

    /**
     * Runs {@code work} on the event loop, where the engine lives, and waits for its result:
     * how the admin socket and the key export query and command the engine.
     *
     * @throws IOException when the daemon is stopping and the loop takes no more work
     */
    public <T> T onEngine(Function<IkeEngine, T> work) throws IOException {
        if (loop.inEventLoop()) {
            return work.apply(engine); // an event listener, called by the engine itself
        }
        try {
            return loop.submit(() -> work.apply(engine)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | RejectedExecutionException e) {
            throw new IOException("the daemon is stopping", e);
        }
    }

    /** Every engine event from now on goes to {@code listener} too (racoonctl show-event, establish-sa -w). */
    public void addEventListener(Consumer<EngineEvent> listener) {
        eventListeners.add(listener);
    }

    public void removeEventListener(Consumer<EngineEvent> listener) {
        eventListeners.remove(listener);
    }

    /**
     * An operator's request for SAs for {@code selector} (racoonctl establish-sa esp|ah): the
     * outbound policy with exactly this selector gives protocol, mode and endpoints, and the
     * engine gets the request an ACQUIRE for that policy would give it (racoon admin.c does the
     * same lookup).
     *
     * @return the request handed to the engine
     * @throws IOException one line: no such policy, or one that requests no {@code protocol}
     */
    public SaRequest establish(TrafficSelector selector, IpsecProtocol protocol) throws IOException {
        List<KernelPolicy> policies;
        try {
            policies = kernel.dumpPolicy();
        } catch (KernelException e) {
            throw new IOException("cannot read the kernel's policies: " + e.getMessage(), e);
        }
        Optional<KernelPolicy> policy = policies.stream().filter(p -> p.spec().direction() == PolicyDirection.OUT
                && p.spec().selector().equals(selector)).findFirst();
        if (policy.isEmpty()) {
            throw new IOException("no outbound policy for " + selector);
        }
        // sequence 0: no ACQUIRE to claim; the selector's hosts are the endpoints in transport mode
        KernelEvent.Acquire acquire = new KernelEvent.Acquire(0, protocol, selector.source().address(),
                selector.destination().address(), policy.get().id());
        AcquireRequests.Result result = AcquireRequests.of(acquire, policy);
        if (result instanceof AcquireRequests.Result.Refused refused) {
            throw new IOException(refused.reason());
        }
        SaRequest request = ((AcquireRequests.Result.Request) result).request();
        KNL.info("establish-sa: negotiating {} {} for {}", request.protocol(), request.mode(), request.selector());
        onEngine(e -> {
            e.acquire(request);
            return null;
        });
        return request;
    }

    /** A reloaded configuration; sockets stay as they are (racoon too needs a restart for listen changes). */
    public void reconfigure(Settings settings) throws IOException {
        onEngine(e -> {
            e.reconfigure(settings.policies(), settings.authenticators(), settings.padding());
            scripts = settings.scripts();
            return null;
        });
    }

    /**
     * Deletes every SA this daemon negotiated, telling each peer, as the daemon stops (racoon
     * flushes the whole SAD instead, SAs of others included: racoon-pains.md 9).
     *
     * @return how many ISAKMP SAs were deleted
     */
    public int deleteNegotiatedSas() throws IOException {
        return onEngine(e -> e.deleteIsakmpSas(sa -> true, true));
    }

    private void acquire(KernelEvent.Acquire acquire) {
        String what = "ACQUIRE " + acquire.protocol() + " " + acquire.source().getHostAddress() + " -> "
                + acquire.destination().getHostAddress();
        // racoon serves only ACQUIREs from an address it listens on (isakmp.c isakmp_post_acquire)
        if (!listening.contains(acquire.source())) {
            KNL.info("{} ignored: we do not listen on {}", what, acquire.source().getHostAddress());
            return;
        }
        AcquireRequests.Result result;
        try {
            result = AcquireRequests.of(acquire, kernel.getPolicy(acquire.policyId()));
        } catch (KernelException e) {
            KNL.warn("{} ignored: {}", what, e.getMessage());
            return;
        }
        if (result instanceof AcquireRequests.Result.Refused refused) {
            KNL.warn("{} ignored: {}", what, refused.reason());
            return;
        }
        var request = ((AcquireRequests.Result.Request) result).request();
        KNL.info("{}: negotiating {} {} for {}", what, request.protocol(), request.mode(), request.selector());
        engine.acquire(request);
    }

    /** Stops the sockets, then the kernel channel; installed SAs stay, as with racoon. */
    @Override
    public void close() {
        if (transport != null) {
            transport.close();
        }
        if (dhKeys != null) {
            dhKeys.close();
        }
        kernel.close();
    }

    /** The engine's outputs, always called on the event loop. */
    private final class Sink implements EngineSink {
        @Override
        public void send(Datagram datagram) {
            transport.send(datagram);
        }

        @Override
        public void arm(EngineTimer timer, Duration delay) {
            cancel(timer);
            timers.put(timer, loop.schedule(() -> {
                timers.remove(timer);
                engine.timerExpired(timer);
            }, delay.toMillis(), TimeUnit.MILLISECONDS));
        }

        @Override
        public void cancel(EngineTimer timer) {
            ScheduledFuture<?> armed = timers.remove(timer);
            if (armed != null) {
                armed.cancel(false);
            }
        }

        /**
         * One line per event. The engine logs each step at INFO already, so these are DEBUG, the
         * lines scripts and the admin socket will hang on.
         */
        @Override
        public void event(EngineEvent event) {
            scripts.on(event);
            eventListeners.forEach(l -> l.accept(event));
            if (event instanceof EngineEvent.Phase1Established e) {
                IKE.debug("{} event phase1-up with {}", e.cookies(), e.peer());
            } else if (event instanceof EngineEvent.Phase1Down e) {
                IKE.debug("{} event phase1-{} with {}", e.cookies(), e.dead() ? "dead" : "down", e.peer());
            } else if (event instanceof EngineEvent.Phase1Failed e) {
                IKE.debug("{} event phase1-failed with {}: {}", e.cookies(), e.peer(), e.reason());
            } else if (event instanceof EngineEvent.Phase2Established e) {
                for (IpsecSa sa : e.sas()) {
                    IKE.debug("{} event phase2-up {} {} <-> {}", e.cookies(), sa, sa.local().getHostAddress(),
                            sa.remote().getHostAddress());
                    if (dryRunOut != null) {
                        dryRunOut.printf("would install: %s %s <-> %s lifetime %d s%n", sa,
                                sa.local().getHostAddress(), sa.remote().getHostAddress(), sa.lifetimeSeconds());
                        dryRunOut.flush();
                    }
                }
            } else if (event instanceof EngineEvent.Phase2Failed e) {
                IKE.debug("{} event phase2-failed mid {}: {}", e.cookies(), Integer.toHexString(e.messageId()),
                        e.reason());
            }
        }
    }
}
