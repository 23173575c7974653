/*
 * blas.c
 *	  Resolves OpenBLAS and LAPACK symbols with dlopen (see blas.h for why
 *	  the library is loaded lazily rather than linked).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "blas.h"

#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

/* Debian's libopenblas0-pthread; the soname carries LAPACK as well */
static const char *const library_names[] = {"libopenblas.so.0", "libopenblas.so"};

static MtBlas blas;
static bool blas_ready;
static int	threads_set = -1;

#define RESOLVE(field, symbol) \
	do { \
		*(void **) &blas.field = dlsym(handle, symbol); \
		if (blas.field == NULL) \
		{ \
			snprintf(errbuf, errlen, "The library \"%s\" has no symbol \"%s\".", \
					 blas.path, symbol); \
			return NULL; \
		} \
	} while (0)

const MtBlas *
mt_blas_load(char *errbuf, size_t errlen)
{
	void	   *handle = NULL;
	struct link_map *map = NULL;
	const char *(*get_config) (void);

	if (blas_ready)
		return &blas;

	for (size_t i = 0; i < sizeof(library_names) / sizeof(library_names[0]); i++)
	{
		handle = dlopen(library_names[i], RTLD_NOW | RTLD_LOCAL);
		if (handle != NULL)
			break;
	}
	if (handle == NULL)
	{
		const char *why = dlerror();

		snprintf(errbuf, errlen, "dlopen of \"%s\" failed: %s.",
				 library_names[0], why ? why : "unknown error");
		return NULL;
	}
	if (dlinfo(handle, RTLD_DI_LINKMAP, &map) == 0 && map != NULL && map->l_name)
		snprintf(blas.path, sizeof(blas.path), "%s", map->l_name);
	else
		snprintf(blas.path, sizeof(blas.path), "%s", library_names[0]);

	RESOLVE(set_num_threads, "openblas_set_num_threads");
	RESOLVE(get_num_threads, "openblas_get_num_threads");
	*(void **) &get_config = dlsym(handle, "openblas_get_config");
	blas.config = get_config ? get_config() : "unknown";
	RESOLVE(sgemm, "cblas_sgemm");
	RESOLVE(dgemm, "cblas_dgemm");
	RESOLVE(cgemm, "cblas_cgemm");
	RESOLVE(zgemm, "cblas_zgemm");
	RESOLVE(sgetrf, "sgetrf_");
	RESOLVE(dgetrf, "dgetrf_");
	RESOLVE(sgetri, "sgetri_");
	RESOLVE(dgetri, "dgetri_");
	RESOLVE(sgetrs, "sgetrs_");
	RESOLVE(dgetrs, "dgetrs_");
	RESOLVE(sgelsd, "sgelsd_");
	RESOLVE(dgelsd, "dgelsd_");
	RESOLVE(sgesdd, "sgesdd_");
	RESOLVE(dgesdd, "dgesdd_");
	RESOLVE(sgeqrf, "sgeqrf_");
	RESOLVE(dgeqrf, "dgeqrf_");
	RESOLVE(sorgqr, "sorgqr_");
	RESOLVE(dorgqr, "dorgqr_");
	RESOLVE(spotrf, "spotrf_");
	RESOLVE(dpotrf, "dpotrf_");
	RESOLVE(ssyevd, "ssyevd_");
	RESOLVE(dsyevd, "dsyevd_");
	RESOLVE(cgetrf, "cgetrf_");
	RESOLVE(zgetrf, "zgetrf_");
	RESOLVE(cgetri, "cgetri_");
	RESOLVE(zgetri, "zgetri_");
	RESOLVE(cgetrs, "cgetrs_");
	RESOLVE(zgetrs, "zgetrs_");
	RESOLVE(cgelsd, "cgelsd_");
	RESOLVE(zgelsd, "zgelsd_");
	RESOLVE(cgesdd, "cgesdd_");
	RESOLVE(zgesdd, "zgesdd_");
	RESOLVE(cgeqrf, "cgeqrf_");
	RESOLVE(zgeqrf, "zgeqrf_");
	RESOLVE(cungqr, "cungqr_");
	RESOLVE(zungqr, "zungqr_");
	RESOLVE(cpotrf, "cpotrf_");
	RESOLVE(zpotrf, "zpotrf_");
	RESOLVE(cheevd, "cheevd_");
	RESOLVE(zheevd, "zheevd_");
	RESOLVE(sgeev, "sgeev_");
	RESOLVE(dgeev, "dgeev_");
	RESOLVE(cgeev, "cgeev_");
	RESOLVE(zgeev, "zgeev_");

	blas_ready = true;
	return &blas;
}

const MtBlas *
mt_blas_loaded(void)
{
	return blas_ready ? &blas : NULL;
}

void
mt_blas_set_threads(const MtBlas *b, int threads)
{
	if (threads < 1)
		threads = 1;
	if (threads != threads_set)
	{
		b->set_num_threads(threads);
		threads_set = threads;
	}
}
