// The Domain's own vocabulary, shared by every aggregate's decisions.
global using LoiTracker.Domain.Common;
