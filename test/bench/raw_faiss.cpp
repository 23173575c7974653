/*
 * raw_faiss.cpp
 *	  The FAISS side of test/bench/knn.sh: the same search done with
 *	  Debian's libfaiss directly.  Prints `name: value unit` lines: build
 *	  time, the MEDIAN search time over <runs> timed runs in milliseconds,
 *	  a checksum of the ids found and, for an approximate index, recall@k
 *	  against IndexFlatL2 on the same data.
 *
 *	  Usage: raw_faiss <runs> <threads> <queries.bin> <corpus.bin> <k>
 *	                   [factory] [params]
 *	    *.bin     marsql.to_binary() of a 2-D float32 tensor (rows x dims)
 *	    factory   an index_factory string (default "Flat")
 *	    params    ParameterSpace settings, e.g. "efSearch=64" or "nprobe=8"
 *
 *	  Build: g++ -O2 -fopenmp raw_faiss.cpp -o raw_faiss \
 *	           /usr/lib/x86_64-linux-gnu/libfaiss.a -lopenblas -llapack
 *
 *	  <threads> sets both OpenMP and OpenBLAS threads, as marsql does.
 */
#include <faiss/AutoTune.h>
#include <faiss/IndexFlat.h>
#include <faiss/index_factory.h>

#include "raw_common.h"

#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <vector>

extern "C" void openblas_set_num_threads(int);

static std::vector<float>
read_tensor(const char *path, int *rows, int *dims)
{
	float	   *raw = read_float32_matrix(path, rows, dims);
	std::vector<float> data(raw, raw + (size_t) *rows * *dims);

	free(raw);
	return data;
}

int
main(int argc, char **argv)
{
	if (argc < 6)
	{
		fprintf(stderr, "usage: raw_faiss runs threads queries.bin corpus.bin k [factory] [params]\n");
		return 2;
	}
	int			runs = atoi(argv[1]),
				threads = atoi(argv[2]),
				nq,
				nx,
				d,
				d2,
				k = atoi(argv[5]);
	std::string factory = argc > 6 ? argv[6] : "Flat";
	const char *params = argc > 7 ? argv[7] : "";
	std::vector<float> q = read_tensor(argv[3], &nq, &d);
	std::vector<float> x = read_tensor(argv[4], &nx, &d2);

	if (d != d2 || k < 1 || runs < 1)
	{
		fprintf(stderr, "raw_faiss: dims differ, or bad k or runs\n");
		return 2;
	}
	omp_set_num_threads(threads);
	openblas_set_num_threads(threads);

	std::string tag = factory;
	std::replace(tag.begin(), tag.end(), ',', '_');
	std::transform(tag.begin(), tag.end(), tag.begin(), ::tolower);

	double		t0 = now_ms();
	std::unique_ptr<faiss::Index> index(faiss::index_factory(d, factory.c_str()));

	if (!index->is_trained)
		index->train(nx, x.data());
	index->add(nx, x.data());
	double		build = now_ms() - t0;

	if (params[0])
		faiss::ParameterSpace().set_index_parameters(index.get(), params);

	std::vector<float> dist((size_t) nq * k);
	std::vector<faiss::Index::idx_t> ids((size_t) nq * k);
	std::vector<double> ms;

	index->search(nq, q.data(), k, dist.data(), ids.data());	/* warm up */
	for (int r = 0; r < runs; r++)
	{
		double		s = now_ms();

		index->search(nq, q.data(), k, dist.data(), ids.data());
		ms.push_back(now_ms() - s);
	}
	std::sort(ms.begin(), ms.end());
	long long	sum = 0;

	for (auto i : ids)
		sum += i;
	if (factory != "Flat")
		printf("raw_faiss_%s_build_%dx%d: %.1f ms\n", tag.c_str(), nx, d, build);
	printf("raw_faiss_%s_%dq_%dx%d_k%d: %.1f ms\n", tag.c_str(), nq, nx, d, k, ms[runs / 2]);
	printf("raw_faiss_%s_%dq_id_sum: %lld\n", tag.c_str(), nq, sum);
	if (factory != "Flat")
	{
		faiss::IndexFlatL2 flat(d);
		std::vector<float> fd((size_t) nq * k);
		std::vector<faiss::Index::idx_t> fi((size_t) nq * k);
		size_t		hits = 0;

		flat.add(nx, x.data());
		flat.search(nq, q.data(), k, fd.data(), fi.data());
		for (int i = 0; i < nq; i++)
		{
			std::set<faiss::Index::idx_t> truth(fi.begin() + (size_t) i * k, fi.begin() + (size_t) (i + 1) * k);

			for (int j = 0; j < k; j++)
				hits += truth.count(ids[(size_t) i * k + j]);
		}
		printf("raw_faiss_%s_recall_at_%d: %.4f\n", tag.c_str(), k, (double) hits / ((double) nq * k));
	}
	return 0;
}
