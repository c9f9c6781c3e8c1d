/* util/notify.h — tells systemd (Type=notify) that `loket serve` is ready or stopping:
 * the sd_notify protocol, a datagram to $NOTIFY_SOCKET, without linking libsystemd.
 * Does nothing when not started by systemd. */
#ifndef LOKET_NOTIFY_H
#define LOKET_NOTIFY_H

/* Sends `state` (e.g. "READY=1", "STOPPING=1"); 0 sent or nothing to do, -1 failed. */
int notify_systemd(const char *state);

#endif
