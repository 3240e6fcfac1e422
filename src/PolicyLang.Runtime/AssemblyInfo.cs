[assembly: System.CLSCompliant(true)]
