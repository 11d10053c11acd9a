// Every projection folds Marten events into documents.
global using JasperFx.Events;
global using LoiTracker.Projections.Common;
global using Marten;
