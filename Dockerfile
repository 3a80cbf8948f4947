# wirenlp serve: the HTTP service in a container (docs/serve.md).
#   docker build -t wirenlp:0.1.0 .
#   docker run --rm -p 8000:8000 -e WIRENLP_API_KEY=change-me wirenlp:0.1.0
# The embedded Dutch model and the gazetteer ship inside the package: nothing is downloaded at
# run time. One container = one server process + --workers pipeline processes; scale out with
# replicas (deploy/compose.yaml).

# --- build: a wheel of wirenlp and every dependency ----------------------------------------
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip wheel --wheel-dir /wheels ".[serve]"

# --- run -------------------------------------------------------------------------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
COPY --from=build /wheels /wheels
RUN pip install --no-index --find-links=/wheels "wirenlp[serve]" \
    && rm -rf /wheels \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin wirenlp
USER wirenlp
WORKDIR /tmp
EXPOSE 8000
# ready = every worker has loaded the pipeline (a few seconds); slim images have no curl
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status != 200)"]
# exec form: wirenlp is PID 1 and gets SIGTERM itself (in-flight requests finish, exit 0)
STOPSIGNAL SIGTERM
ENTRYPOINT ["wirenlp", "serve", "--host", "0.0.0.0", "--port", "8000"]
CMD ["--workers", "2"]
