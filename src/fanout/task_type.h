/*
 * task_type.h
 *	  The marsql.task handle (16 bytes, passed by reference).
 */
#ifndef MARSQL_TASK_TYPE_H
#define MARSQL_TASK_TYPE_H

typedef struct TaskHandle
{
	int64		id;				/* 1, 2, ... within the session */
	uint32		session;		/* the spawning session's random number */
	int16		output;			/* 0: the whole result, k: its k-th column */
	int16		pad;
} TaskHandle;

/* the text form: "<id>/<session>", or "<id>.<output>/<session>" */
extern char *task_handle_text(int64 id, int output, uint32 session);

#endif							/* MARSQL_TASK_TYPE_H */
