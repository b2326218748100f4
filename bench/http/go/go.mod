module go4j.io/bench/http

go 1.19
