/**
 * The engine facade without I/O: datagrams, kernel requests and events, and timer expiries
 * go in; datagrams, timers and events come out through a sink; kernel calls go through the
 * KernelIpsec port. Clock and randomness are injected, so two engines run against each other
 * in one test.
 */
package org.jracoon.ike.engine;
