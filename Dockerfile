# One image for Airflow's components and the dashboard (see docker-compose.yml).
FROM python:3.11-slim
ENV UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    ROMA_PROJECT_ROOT=/app \
    PYTHONUNBUFFERED=1
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
COPY src ./src
RUN uv sync --frozen --no-dev --extra pipeline --extra dashboard --extra postgres --extra gx
COPY dags ./dags
COPY dbt_project ./dbt_project
COPY dashboard ./dashboard
COPY expectations ./expectations
