# The Api in a container, for people who have Docker (docker-compose.yml). Not built on the project's own
# machines, which have no Docker engine: see README.md.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props LoiTracker.sln ./
COPY src/ src/
COPY samples/ samples/
RUN dotnet publish src/Api/LoiTracker.Api.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The image's unprivileged user: a compromised Api cannot write to its own files or the system.
USER $APP_UID
ENV Urls=http://0.0.0.0:8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
ENTRYPOINT ["dotnet", "LoiTracker.Api.dll"]
