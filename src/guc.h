/*
 * guc.h
 *	  Every marsql.* setting, registered in one place.
 */
#ifndef MARSQL_GUC_H
#define MARSQL_GUC_H

extern void marsql_define_gucs(void);

#endif							/* MARSQL_GUC_H */
