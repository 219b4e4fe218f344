#!/bin/sh
# A RoCE function named by its RDMA device (mlx5_0, as smc_rnics and rdma
# link show it): selects the function whose infiniband/ holds it, and only it.
. "$(dirname "$0")/lib.sh"
R=$(fixture detached-roce-vf)

run 0 --sysfs-root "$R" --json list mlx5_0
jeq '[f["address"] for f in d["functions"]]' '["0010:00:00.0"]'
jeq 'd["functions"][0]["ibdevs"]' '["mlx5_0"]'
run 0 --sysfs-root "$R" show mlx5_0
contains "$OUT" '^0010:00:00\.0 '
contains "$OUT" 'ibdev +mlx5_0'
# the interface and the RDMA device of one function select it once
run 0 --sysfs-root "$R" --json list mlx5_0 ens256
jeq '[f["address"] for f in d["functions"]]' '["0010:00:00.0"]'
# another function's or an absent RDMA device
run 3 --sysfs-root "$R" show mlx5_1
contains "$ERR" '^zpcidiag: mlx5_1: no such zPCI function$'
# completion offers it
run 0 --sysfs-root "$R" __complete devices
contains "$OUT" '^mlx5_0$' "device completion"
done_testing
