#ifndef CZEROMQ_SHIM_H
#define CZEROMQ_SHIM_H
#include <zmq.h>

// libzmq's own error numbers are macros built from ZMQ_HAUSNUMERO; expose them as
// plain constants so Swift sees them whatever the importer makes of the macros.
static const int CZMQ_ETERM = ETERM;
static const int CZMQ_EFSM = EFSM;
static const int CZMQ_EHOSTUNREACH = EHOSTUNREACH;
static const int CZMQ_EMTHREAD = EMTHREAD;
static const int CZMQ_ENOTSOCK = ENOTSOCK;

#if defined(__linux__)
#include <sys/prctl.h>
// Names the calling thread (first 15 bytes), for ZMQThread; visible in `top -H` and gdb.
static inline void czmq_set_thread_name(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }
#else
static inline void czmq_set_thread_name(const char *name) { (void)name; }
#endif

#endif
