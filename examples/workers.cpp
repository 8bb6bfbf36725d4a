// workers.cpp: a worker pool. Jobs go out on one channel, results come back on another, and
// a WaitGroup closes the results once every worker has finished.
//   gocc run examples/workers.cpp [workers] [jobs]
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/sync.h>

#include <cstdio>
#include <cstdlib>

struct Result {
  int job;
  long value;
};

// The work: the sum of the squares of 1..job.
long work(int job) {
  long sum = 0;
  for (long i = 1; i <= job; i++) sum += i * i;
  return sum;
}

void worker(gocc::chan<int> jobs, gocc::chan<Result> results, gocc::sync::WaitGroup* wg) {
  for (int job : jobs) results.send({job, work(job)});  // until jobs is closed and drained
  wg->Done();
}

int main(int argc, char** argv) {
  int workers = argc > 1 ? std::atoi(argv[1]) : 4;
  int njobs = argc > 2 ? std::atoi(argv[2]) : 100;
  gocc::chan<int> jobs(16);
  gocc::chan<Result> results(16);
  gocc::sync::WaitGroup wg;

  for (int w = 0; w < workers; w++) {
    wg.Add(1);
    gocc::go(worker, jobs, results, &wg);
  }
  gocc::go([=] {  // hand out the jobs, then say there are no more
    for (int j = 1; j <= njobs; j++) jobs.send(j);
    jobs.close();
  });
  gocc::go([=, &wg] {  // close results once every worker is done
    wg.Wait();
    results.close();
  });

  long total = 0;
  int count = 0;
  for (Result r : results) {
    total += r.value;
    count++;
  }
  std::printf("%d results from %d workers, total %ld\n", count, workers, total);
}
