/*
 * task_kind.c
 *	  The registry of task kinds (see engine.h).  Kinds are registered in
 *	  _PG_init, in the same order in every process that loads marsql, so
 *	  the leader and its workers agree on each kind's index.
 */
#include "postgres.h"

#include "engine/engine.h"

static EngineTaskKind kinds[ENGINE_MAX_KINDS];
static int	nkinds = 0;

int
engine_register_kind(const char *name, EngineRunFn run)
{
	if (nkinds >= ENGINE_MAX_KINDS)
		elog(ERROR, "too many marsql task kinds");
	kinds[nkinds].name = name;
	kinds[nkinds].run = run;
	kinds[nkinds].idle = NULL;
	return nkinds++;
}

void
engine_kind_set_idle(int kind, EngineIdleFn idle)
{
	Assert(kind >= 0 && kind < nkinds);
	kinds[kind].idle = idle;
}

void
engine_kinds_idle(void)
{
	for (int i = 0; i < nkinds; i++)
	{
		if (kinds[i].idle)
			kinds[i].idle();
	}
}

const EngineTaskKind *
engine_kind(int index)
{
	if (index < 0 || index >= nkinds)
		return NULL;
	return &kinds[index];
}

const EngineTaskKind *
engine_kind_by_name(const char *name, int *index)
{
	for (int i = 0; i < nkinds; i++)
	{
		if (strcmp(kinds[i].name, name) == 0)
		{
			if (index)
				*index = i;
			return &kinds[i];
		}
	}
	return NULL;
}
